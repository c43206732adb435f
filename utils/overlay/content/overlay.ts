import { matchRoute } from '../../routes/match';
import type { OverlayConfig } from '../../model/overlay';
import type { RequestOf } from '../../messaging/contract';
import { findBasicDetails, findQuickActions, findTitleMenu, waitForElement } from './anchors';
import type { Send } from './bridge';
import { mountBulkBar } from './bulk-bar';
import { decorateList } from './list-rows';
import { mountNodeMenu } from './node-menu';
import { mountObjectPanel } from './object-panel';
import { createSelection } from './selection';

/**
 * The overlay on Intel Exchange pages. The route decides what the page is; each page gets a
 * session with its own AbortSignal, ended on every SPA navigation to another page (and when the
 * extension is updated), which removes every element, observer and listener it added.
 */

export interface OverlayDeps {
  doc: Document;
  send: Send;
  /** The content script's life (WXT ctx.signal). */
  signal: AbortSignal;
  /** SPA navigations (WXT's wxt:locationchange): the new URL. */
  onLocationChange(callback: (url: string) => void): void;
  /** The history changed (the change signal); returns an unsubscribe. */
  onHistoryChange(callback: () => void): () => void;
  /** How long an object page may take to show its Quick Actions panel. */
  anchorWaitMs?: number;
}

const ANCHOR_WAIT_MS = 3000;
/** A page that keeps removing our panel (a re-render fight) gets it floating instead. */
const MAX_REMOUNTS = 10;

type Enabled = Extract<OverlayConfig, { enabled: true }>;

export async function startOverlay(deps: OverlayDeps): Promise<void> {
  const answer = await deps.send('overlay.config', {}).catch(() => null);
  if (!answer?.enabled || deps.signal.aborted) return;
  const config: Enabled = answer;
  const selection = createSelection();
  let session: { key: string; abort: AbortController } | null = null;

  function open(url: string): void {
    const match = matchRoute(url, config.routes, deps.doc.location.origin);
    const { type, id } = match?.params ?? {};
    const key =
      match?.kind === 'threatData' || match?.kind === 'bulletin' || match?.kind === 'investigation'
        ? `${match.kind}:${type ?? ''}/${id ?? ''}`
        : (match?.kind ?? 'none');
    // Sub-tabs of one object (/basic-details, /relations) and repeated events keep the session.
    if (session?.key === key) return;
    session?.abort.abort();
    const abort = new AbortController();
    deps.signal.addEventListener('abort', () => abort.abort(), { once: true });
    session = { key, abort };
    if (match?.kind === 'threatData' && type && id) {
      void objectPage(config, { type, id }, abort.signal);
    } else if ((match?.kind === 'bulletin' || match?.kind === 'investigation') && id) {
      // Issue 12: one action for the bulletin (its report) or the whole canvas; the review
      // page lists the canvas's nodes to pick from. Its incidents are listed under its ID.
      const kind = match.kind;
      const unusable = deps
        .send('overlay.container', { kind, id })
        .then((a) => (a.usable ? null : (a.reason ?? 'This page cannot be used.')))
        .catch(() => null);
      void objectPage(config, { type: kind, id }, abort.signal, {
        find: kind === 'bulletin' ? findTitleMenu : findBasicDetails,
        review: { entry: kind, id },
        unusable,
      });
      if (kind === 'investigation') {
        mountNodeMenu({
          doc: deps.doc,
          send: deps.send,
          label: config.actionLabel,
          canvasId: id,
          signal: abort.signal,
        });
      }
    } else if (match?.kind === 'threatDataList') {
      listPage(config, abort.signal);
    }
  }

  async function objectPage(
    c: Enabled,
    object: { type: string; id: string },
    signal: AbortSignal,
    page: {
      find(doc: Document): Element | null;
      review?: RequestOf<'overlay.review'>;
      unusable?: Promise<string | null>;
    } = { find: findQuickActions },
  ) {
    const wait = deps.anchorWaitMs ?? ANCHOR_WAIT_MS;
    for (let mounts = 0; mounts < MAX_REMOUNTS && !signal.aborted; mounts++) {
      const anchor = await waitForElement(deps.doc, () => page.find(deps.doc), wait, signal);
      if (signal.aborted) return;
      const mount = new AbortController();
      signal.addEventListener('abort', () => mount.abort(), { once: true });
      mountObjectPanel({
        doc: deps.doc,
        send: deps.send,
        label: c.actionLabel,
        object,
        ...(page.review ? { review: page.review } : {}),
        ...(page.unusable ? { unusable: page.unusable } : {}),
        anchor,
        signal: mount.signal,
        onHistoryChange: deps.onHistoryChange,
      });
      if (!anchor) return; // floating: nothing of the page can remove it
      // The page may re-render its panel (and ours with it): mount again in the new one.
      await panelRemoved(anchor, signal);
      mount.abort();
    }
  }

  function listPage(c: Enabled, signal: AbortSignal): void {
    const list = decorateList({
      doc: deps.doc,
      send: deps.send,
      routes: c.routes,
      label: c.actionLabel,
      selection,
      signal,
    });
    mountBulkBar({
      doc: deps.doc,
      send: deps.send,
      label: c.actionLabel,
      limit: c.bulkLimit,
      selection,
      visible: () => list.visible(),
      signal,
    });
  }

  function panelRemoved(anchor: Element, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!anchor.isConnected) finish();
      });
      const finish = () => {
        observer.disconnect();
        resolve();
      };
      observer.observe(deps.doc.documentElement, { childList: true, subtree: true });
      signal.addEventListener('abort', finish, { once: true });
    });
  }

  open(deps.doc.location.href);
  deps.onLocationChange((url) => open(url));
}
