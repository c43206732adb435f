import { HOST_PORT_NAME, isHostPush, REVIEW_PAGE, type ChannelPort } from './port-protocol';

/**
 * The in-page host of the framed review: a closed shadow root on <html> holding one <iframe>
 * of our review page. It never sees the draft, and the page cannot reach into the frame (it is
 * extension-origin): keys typed there, its text and its DOM stay out of the page's reach.
 * Plain DOM and no validation library, so every page pays only a few KB for it.
 *
 * The worker says what to frame over a port (./port-protocol.ts) and when to take it down.
 * The host keeps its element in place if the page restyles or removes it, and reports a CSP
 * that blocks the frame, so the review moves to a window at once.
 */

export interface FrameHostDeps {
  connect(name: string): ChannelPort;
  /** runtime.getURL in the content script: the dynamic (per-session) URL where supported. */
  getURL(path: string): string;
  doc: Document;
  /** Ends the host (WXT's context: a newer injection, or the extension updated). */
  signal: AbortSignal;
}

export const HOST_TAG = 'cftr-review-frame';

// Inline and !important: a page's stylesheet cannot hide, shrink or move the host.
const HOST_STYLE = [
  'all: initial',
  'display: block',
  'position: fixed',
  'inset: 0',
  'width: 100vw',
  'height: 100vh',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'z-index: 2147483647',
  'opacity: 1',
  'visibility: visible',
  'transform: none',
  'filter: none',
  'clip-path: none',
  'pointer-events: auto',
]
  .map((rule) => `${rule} !important`)
  .join('; ');

// color-scheme matches the review page's, or Chrome paints the frame opaque.
const FRAME_STYLE =
  'display:block;width:100%;height:100%;border:0;margin:0;padding:0;background:transparent;color-scheme:light dark';

/** Up to this many reconnects after the worker restarts, then the host gives up. */
const MAX_RECONNECTS = 20;

export function startFrameHost(deps: FrameHostDeps): void {
  const { doc, signal } = deps;
  const win = doc.defaultView;
  const previousFocus = doc.activeElement;
  let host: HTMLElement | null = null;
  let frame: HTMLIFrameElement | null = null;
  let framedId: string | null = null;
  let port: ChannelPort | null = null;
  let reconnects = 0;
  let done = false;
  // Reports may strip the blocked URL to its origin, or to its scheme.
  const extensionOrigin = deps.getURL('/').replace(/\/$/, '');
  const extensionScheme = extensionOrigin.split(':')[0] ?? '';

  const guard = new MutationObserver(() => reassert());

  function reassert(): void {
    if (!host || done) return;
    if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
    if (host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
    for (const name of host.getAttributeNames()) {
      if (name !== 'style' && name !== 'popover') host.removeAttribute(name);
    }
    // Only when removed: moving an iframe reloads it, so a page appending after us is ignored
    // (covering us instead is what the review's visibility gate catches).
    if (host.parentNode !== doc.documentElement) doc.documentElement.append(host);
    showOnTop(host);
  }

  /**
   * In the top layer (a manual popover: no light dismiss, no Escape), where the browser lays
   * it out and paints it apart from the page: a plain fixed element over a 50 MB page cost a
   * walk of the page's whole paint tree, about 3× the top layer's cost (issue 17). Above any
   * z-index too. Where popovers are unknown it stays a fixed element, as before.
   */
  function showOnTop(element: HTMLElement): void {
    try {
      if (typeof element.showPopover === 'function' && !element.matches(':popover-open')) {
        element.showPopover();
      }
    } catch {
      // Not connected, or popovers unsupported: the fixed position still shows it.
    }
  }

  function show(reviewId: string): void {
    if (framedId === reviewId) return;
    removeFrame();
    framedId = reviewId;
    host = doc.createElement(HOST_TAG);
    host.setAttribute('style', HOST_STYLE);
    host.setAttribute('popover', 'manual');
    const root = host.attachShadow({ mode: 'closed' });
    // No sandbox: the frame is our own extension page and needs its origin (runtime messaging,
    // storage); a sandbox protects a page from a frame, which is not the threat here.
    // oxlint-disable-next-line react/iframe-missing-sandbox
    frame = doc.createElement('iframe');
    frame.setAttribute('style', FRAME_STYLE);
    frame.setAttribute('title', 'Review incident — CFTR Incident Bridge');
    // Copy ID writes to the clipboard from inside the frame.
    frame.setAttribute('allow', 'clipboard-write');
    const url = new URL(deps.getURL(REVIEW_PAGE));
    url.searchParams.set('id', reviewId);
    url.searchParams.set('host', 'frame');
    frame.src = url.href;
    const loaded = frame;
    // Focus goes to the frame when it loads, unless it is already in it: the dialog focuses
    // its title as soon as the draft arrives, which can be before this load event, and
    // focusing the frame element again would blur that field under the analyst's typing.
    loaded.addEventListener(
      'load',
      () => {
        if (root.activeElement !== loaded) loaded.focus();
      },
      { once: true },
    );
    root.append(frame);
    doc.documentElement.append(host);
    showOnTop(host);
    // A page script can close a popover without touching an attribute: open it again.
    const shown = host;
    shown.addEventListener('toggle', (event) => {
      if ((event as ToggleEvent).newState === 'closed' && shown === host) {
        queueMicrotask(() => shown === host && showOnTop(shown));
      }
    });
    guard.observe(host, { attributes: true });
    guard.observe(doc.documentElement, { childList: true });
  }

  function removeFrame(): void {
    guard.disconnect();
    host?.remove();
    host = null;
    frame = null;
    framedId = null;
  }

  function end(): void {
    if (done) return;
    removeFrame();
    done = true;
    port?.disconnect();
    port = null;
    if (previousFocus instanceof HTMLElement && previousFocus.isConnected) {
      previousFocus.focus({ preventScroll: true });
    }
  }

  function connect(): void {
    if (done) return;
    let current: ChannelPort;
    try {
      current = deps.connect(HOST_PORT_NAME);
    } catch {
      end();
      return;
    }
    port = current;
    let answered = false;
    current.onMessage.addListener((message) => {
      if (!isHostPush(message)) return;
      answered = true;
      reconnects = 0;
      if (message.type === 'frame') show(message.reviewId);
      else if (message.reviewId === framedId) end();
    });
    current.onDisconnect.addListener(() => {
      if (port !== current || done) return;
      port = null;
      // Dropped before any answer: the worker has no review for this tab. Otherwise it
      // stopped (MV3) or restarted; connecting again starts it, and it says what to frame.
      if (!answered || framedId === null || reconnects >= MAX_RECONNECTS) {
        end();
        return;
      }
      reconnects += 1;
      setTimeout(connect, Math.min(100 * reconnects, 1000));
    });
  }

  // A CSP without chrome-extension: in frame-src refuses the frame; the worker opens a window.
  doc.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const blocked = event.blockedURI;
      if (framedId && (blocked.startsWith(extensionOrigin) || blocked === extensionScheme)) {
        port?.postMessage({ type: 'blocked' });
      }
    },
    { signal },
  );
  // Leaving the page ends the review (the worker sees the port go).
  win?.addEventListener('pagehide', end, { signal });
  signal.addEventListener('abort', end);
  connect();
}
