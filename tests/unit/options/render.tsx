import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../../components/options/OptionsApp';
import { MessengerProvider } from '../../../components/shared/messenger-context';
import { createBackgroundApp } from '../../../utils/background/app';
import type { FetchLike } from '../../../utils/cyware/http';
import { createMessenger, type Messenger } from '../../../utils/messaging/client';
import type { MessageType } from '../../../utils/messaging/contract';
import type { PermissionsLike } from '../../../utils/options/host-access';
import { createDbOpener } from '../../../utils/store/db';

/**
 * The options page over the REAL background (router, handlers, settings and secret stores on
 * fake-indexeddb and WXT's fake browser), so a test sees what the worker really stores and
 * answers. Only the network (fetch) and browser.permissions are fakes.
 */

export const PAGE_SENDER = {
  id: fakeBrowser.runtime.id,
  url: `chrome-extension://${fakeBrowser.runtime.id}/options.html`,
};

export type Route = (url: URL, init: RequestInit) => Response | Promise<Response>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** Default tenant: ping and test-connectivity answer 200, creates 201. */
export const okTenant: Route = (url) => {
  if (url.pathname.endsWith('/ping/')) return json(200, { result: 'pong' });
  if (url.pathname.endsWith('/test-connectivity/')) return json(200, { status: 'ok' });
  if (url.pathname.endsWith('/ioc-types/')) {
    return json(200, { results: [{ id: 'ipv4-addr', name: 'IPv4 Address' }] });
  }
  return json(404, { detail: 'Not found.' });
};

export interface Events {
  log: string[];
}

export function fakePermissions(events: Events, grant = true) {
  return {
    request: vi.fn(async (p: { origins: string[] }) => {
      events.log.push(`permissions.request ${p.origins.join(' ')}`);
      return grant;
    }),
    contains: vi.fn(async () => grant),
    getAll: vi.fn(async () => ({ origins: [] as string[] })),
    remove: vi.fn(async () => true),
  } satisfies PermissionsLike;
}

const mounted: Root[] = [];
let dbCounter = 0;

export function renderOptions(
  options: {
    route?: Route;
    grant?: boolean;
    download?: (name: string, text: string) => void;
  } = {},
) {
  const events: Events = { log: [] };
  const route = options.route ?? okTenant;
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    events.log.push(`fetch ${init.method ?? 'GET'} ${url.pathname}`);
    return route(url, init);
  };
  dbCounter += 1;
  const app = createBackgroundApp({
    browser: fakeBrowser,
    getDb: createDbOpener(`options-test-${dbCounter}`),
    fetch,
  });
  const messenger: Messenger = createMessenger(async (message) => {
    const sent = (message as { type: MessageType }).type;
    events.log.push(`send ${sent}`);
    return app.router.handle(message, PAGE_SENDER);
  });
  const permissions = fakePermissions(events, options.grant ?? true);
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  root.render(
    <StrictMode>
      <MessengerProvider messenger={messenger}>
        <OptionsApp
          permissions={permissions}
          download={options.download ?? (() => undefined)}
          now={() => Date.now()}
        />
      </MessengerProvider>
    </StrictMode>,
  );
  return { app, events, permissions, container, messenger };
}

export function unmountAll(): void {
  for (const root of mounted.splice(0)) root.unmount();
  document.body.replaceChildren();
}

export const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) =>
  root.querySelector<T>(sel);
export const $$ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => [
  ...root.querySelectorAll<T>(sel),
];

export function text(sel: string): string {
  return ($(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Type into an input or textarea the way React sees it (native setter + input event). */
export function type(sel: string, value: string): void {
  const el = $<HTMLInputElement | HTMLTextAreaElement>(sel);
  if (!el) throw new Error(`No ${sel}`);
  const proto =
    el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

export function click(sel: string): void {
  const el = $<HTMLElement>(sel);
  if (!el) throw new Error(`No ${sel}`);
  el.click();
}

export function buttonByText(label: string): HTMLButtonElement {
  const button = $$<HTMLButtonElement>('button').find((b) => b.textContent?.trim() === label);
  if (!button) throw new Error(`No button "${label}"`);
  return button;
}

/** The options page has loaded its settings. */
export async function loaded(): Promise<void> {
  await expect.poll(() => $('#ctix-baseUrl')).toBeTruthy();
}
