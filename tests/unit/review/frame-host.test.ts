// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { HOST_TAG, startFrameHost } from '../../../utils/review/frame-host';
import { HOST_PORT_NAME, type ChannelPort } from '../../../utils/review/port-protocol';

const BASE = 'chrome-extension://dynamic-id/';

function fakeWorker() {
  const ports: {
    name: string;
    sent: unknown[];
    push(m: unknown): void;
    drop(): void;
    open: boolean;
  }[] = [];
  const connect = (name: string): ChannelPort => {
    const onMessage: ((m: unknown) => void)[] = [];
    const onDisconnect: (() => void)[] = [];
    const entry = {
      name,
      sent: [] as unknown[],
      open: true,
      push: (m: unknown) => onMessage.forEach((cb) => cb(m)),
      drop: () => {
        entry.open = false;
        onDisconnect.forEach((cb) => cb());
      },
    };
    ports.push(entry);
    return {
      postMessage: (m) => entry.sent.push(m),
      disconnect: () => {
        entry.open = false;
      },
      onMessage: { addListener: (cb) => onMessage.push(cb) },
      onDisconnect: { addListener: (cb) => onDisconnect.push(cb) },
    };
  };
  return { ports, connect };
}

const hosts = () => document.documentElement.querySelectorAll(HOST_TAG);
const tick = () => new Promise((r) => setTimeout(r, 0));
const abort = new Set<AbortController>();

function start() {
  const worker = fakeWorker();
  const controller = new AbortController();
  abort.add(controller);
  startFrameHost({
    connect: worker.connect,
    getURL: (path) => `${BASE}${path.replace(/^\//, '')}`,
    doc: document,
    signal: controller.signal,
  });
  return { worker, controller };
}

afterEach(() => {
  abort.forEach((c) => c.abort());
  abort.clear();
  hosts().forEach((h) => h.remove());
});

describe('the in-page review host', () => {
  it('connects its port, frames the review the worker names, and hides it in a closed root', () => {
    const { worker } = start();
    expect(worker.ports.map((p) => p.name)).toEqual([HOST_PORT_NAME]);
    expect(hosts()).toHaveLength(0);
    worker.ports[0]?.push({ type: 'frame', reviewId: 'r-1' });
    const host = hosts()[0] as HTMLElement;
    expect(host.parentNode).toBe(document.documentElement);
    expect(host.shadowRoot).toBeNull();
    expect(host.getAttribute('style')).toContain('z-index: 2147483647 !important');
    // Junk from the page (an unknown type, a bad id) is ignored.
    worker.ports[0]?.push({ type: 'frame', reviewId: '"><img src=x>' });
    worker.ports[0]?.push({ type: 'eval', code: 'x' });
    expect(hosts()).toHaveLength(1);
  });

  it('puts its style back and itself back when the page interferes', async () => {
    const { worker } = start();
    worker.ports[0]?.push({ type: 'frame', reviewId: 'r-2' });
    const host = hosts()[0] as HTMLElement;
    const style = host.getAttribute('style');
    host.style.setProperty('opacity', '0', 'important');
    host.setAttribute('hidden', '');
    await tick();
    expect(host.getAttribute('style')).toBe(style);
    expect(host.hasAttribute('hidden')).toBe(false);
    host.remove();
    await tick();
    expect(hosts()).toHaveLength(1);
  });

  it('takes the frame down when told, and ends when the worker never answered', () => {
    const { worker } = start();
    worker.ports[0]?.push({ type: 'frame', reviewId: 'r-3' });
    worker.ports[0]?.push({ type: 'remove', reviewId: 'other' });
    expect(hosts()).toHaveLength(1);
    worker.ports[0]?.push({ type: 'remove', reviewId: 'r-3' });
    expect(hosts()).toHaveLength(0);
    expect(worker.ports[0]?.open).toBe(false);

    const second = start();
    second.worker.ports[0]?.drop();
    expect(second.worker.ports).toHaveLength(1);
    expect(hosts()).toHaveLength(0);
  });

  it('reconnects after the worker restarts, and reports a CSP that blocks the frame', async () => {
    const { worker } = start();
    worker.ports[0]?.push({ type: 'frame', reviewId: 'r-4' });
    worker.ports[0]?.drop();
    await new Promise((r) => setTimeout(r, 150));
    expect(worker.ports).toHaveLength(2);
    expect(hosts()).toHaveLength(1);
    const event = new Event('securitypolicyviolation') as Event & { blockedURI: string };
    Object.defineProperty(event, 'blockedURI', { value: 'chrome-extension://dynamic-id' });
    document.dispatchEvent(event);
    expect(worker.ports[1]?.sent).toEqual([{ type: 'blocked' }]);
  });

  it('focuses the frame when it loads, but not away from a field the dialog already focused', () => {
    // The root is closed: keep a handle on it to reach the frame, as the browser would.
    const attach = Element.prototype.attachShadow;
    const roots: ShadowRoot[] = [];
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    };
    try {
      const { worker } = start();
      worker.ports[0]?.push({ type: 'frame', reviewId: 'r-1' });
      const frame = roots[0]?.querySelector('iframe') as HTMLIFrameElement;
      frame.focus();
      expect(roots[0]?.activeElement).toBe(frame);
      let focused = 0;
      frame.focus = () => {
        focused += 1;
      };
      // The dialog inside already has the focus (its title): loading must not take it away.
      frame.dispatchEvent(new Event('load'));
      expect(focused).toBe(0);

      worker.ports[0]?.push({ type: 'frame', reviewId: 'r-2' });
      const second = roots[1]?.querySelector('iframe') as HTMLIFrameElement;
      let secondFocused = 0;
      second.focus = () => {
        secondFocused += 1;
      };
      second.dispatchEvent(new Event('load'));
      expect(secondFocused).toBe(1);
    } finally {
      Element.prototype.attachShadow = attach;
    }
  });

  it('ends with its context (a newer injection, or the extension updated)', () => {
    const { worker, controller } = start();
    worker.ports[0]?.push({ type: 'frame', reviewId: 'r-5' });
    controller.abort();
    expect(hosts()).toHaveLength(0);
    expect(worker.ports[0]?.open).toBe(false);
  });
});
