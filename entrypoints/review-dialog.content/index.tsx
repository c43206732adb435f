import { createRoot, type Root } from 'react-dom/client';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ReviewDialog } from '../../components/review/ReviewDialog';
import { MessengerProvider } from '../../components/shared/messenger-context';
import { createMessenger } from '../../utils/messaging/client';
import { DIALOG_HOOK, type DialogHook, type DialogPush } from '../../utils/review/dialog-bridge';
// Inlined: the styles go into the shadow root only, and no CSS file has to be web-accessible.
import styles from './style.css?inline';

/**
 * The review dialog drawn inside the page. Injected by the background with
 * scripting.executeScript({ files }) after it stored the draft (never declared for all pages).
 * A newer injection in the same tab invalidates this one (WXT's context), which removes the UI.
 */
export default defineContentScript({
  registration: 'runtime',
  cssInjectionMode: 'manual',
  async main(ctx) {
    await mountDialog(ctx);
  },
});

const HOST_TAG = 'cftr-review-dialog';

async function mountDialog(ctx: ContentScriptContext): Promise<void> {
  // Everything this instance adds to the page or its world is undone through this signal.
  const lifetime = new AbortController();
  ctx.onInvalidated(() => lifetime.abort());
  const previousFocus = document.activeElement;
  const messenger = createMessenger();

  const listeners = new Set<(message: DialogPush) => void>();
  let showing: string | null = null;
  const hook: DialogHook = {
    push: (message) => listeners.forEach((listener) => listener(message)),
    showing: () => showing,
  };
  const world = globalThis as unknown as Record<string, DialogHook | undefined>;
  world[DIALOG_HOOK] = hook;
  lifetime.signal.addEventListener('abort', () => {
    if (world[DIALOG_HOOK] === hook) delete world[DIALOG_HOOK];
    listeners.clear();
  });
  const subscribe = (listener: (message: DialogPush) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  const ui = await createShadowRootUi<Root>(ctx, {
    name: HOST_TAG,
    // Closed: the page's own scripts must not read what the dialog shows (earlier incidents,
    // Intel Exchange verdicts and their TLP). Only the e2e build opens it, because puppeteer
    // can pierce open roots only (tests/e2e/production-build.e2e.ts checks the production one).
    mode: import.meta.env.VITE_E2E === '1' ? 'open' : 'closed',
    position: 'modal',
    zIndex: 2147483647,
    // On <html>, not <body>: outside document.body.innerText, and a transformed body cannot
    // trap our fixed positioning.
    anchor: () => document.documentElement,
    append: 'last',
    // Keys typed in the dialog must not reach the page's own shortcuts.
    isolateEvents: true,
    css: styles,
    onMount(container) {
      const mountPoint = document.createElement('div');
      container.append(mountPoint);
      const root = createRoot(mountPoint);
      root.render(
        <MessengerProvider messenger={messenger}>
          <ReviewDialog
            variant="overlay"
            subscribe={subscribe}
            onShowing={(id) => {
              showing = id;
            }}
            onClose={() => ui.remove()}
          />
        </MessengerProvider>,
      );
      return root;
    },
    onRemove(root) {
      root?.unmount();
      lifetime.abort();
      if (previousFocus instanceof HTMLElement && previousFocus.isConnected) {
        previousFocus.focus({ preventScroll: true });
      }
    },
  });

  // Leaving the page ends the review (a back/forward cache restore must not show a stale one).
  window.addEventListener(
    'pagehide',
    () => {
      if (showing) void messenger('review.close', { reviewId: showing }).catch(() => undefined);
      ui.remove();
    },
    { signal: lifetime.signal },
  );

  ui.mount();
}
