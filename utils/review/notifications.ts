import { historyIdOfNotification, type NotificationsLike } from '../background/notify';
import {
  runInPage,
  withTimeout,
  type ScriptingLike,
  type TabsLike,
} from '../capture/browser-ports';
import { DIALOG_HOOK, dialogShowingInPage } from './dialog-bridge';
import type { ReviewStore } from './review-store';

/**
 * The notification rule (product.md §1 review dialog, issue 6):
 *
 *   The core notifies on every created / finally-failed incident. A notification is left out
 *   only while a review dialog is showing that very incident: the dialog that sent it (its
 *   requestId is linked to the review by incident.create) is still on screen. "On screen" is
 *   checked when the outcome arrives, not remembered: an in-page dialog must answer from its
 *   tab (a closed, reloaded or navigated tab cannot), and a review window must still exist.
 *   Closing the dialog (Esc, ×, the tab, the window) removes the review, so anything that
 *   settles afterwards is notified. A dialog in a background tab still counts as showing: it
 *   displays the result as soon as the user looks at it.
 */

const PROBE_TIMEOUT_MS = 1500;

export interface ShowingDeps {
  store: ReviewStore;
  scripting: ScriptingLike;
  tabs: Pick<TabsLike, 'get'>;
}

export function createShowingCheck(deps: ShowingDeps) {
  return async function isShowing(requestId: string): Promise<boolean> {
    const record = await deps.store.findByRequest(requestId);
    if (!record) return false;
    try {
      if (record.host === 'window') {
        if (record.windowTabId === undefined) return false;
        await withTimeout(
          deps.tabs.get(record.windowTabId),
          PROBE_TIMEOUT_MS,
          'Finding the window',
        );
        return true;
      }
      const showing = await withTimeout(
        runInPage(deps.scripting, { tabId: record.tabId }, dialogShowingInPage, [DIALOG_HOOK]),
        PROBE_TIMEOUT_MS,
        'Asking the dialog',
      );
      return showing === record.reviewId;
    } catch {
      return false;
    }
  };
}

/** Notifications that skip incidents a review dialog is showing (see the rule above). */
export function reviewAwareNotifications(
  real: NotificationsLike | undefined,
  isShowing: (historyId: string) => Promise<boolean>,
): NotificationsLike | undefined {
  if (!real) return undefined;
  return {
    async create(id, options) {
      const historyId = historyIdOfNotification(id);
      if (historyId !== null && (await isShowing(historyId).catch(() => false))) return id;
      return real.create(id, options);
    },
  };
}

/**
 * `apis` with `notifications` replaced, everything else read through from the original (the
 * extension `browser` object has more than we could list here, and may be a Proxy).
 */
export function withNotifications<T extends object>(
  apis: T,
  notifications: NotificationsLike | undefined,
): T {
  return Object.create(apis, {
    notifications: { value: notifications, enumerable: true },
  }) as T;
}
