import type { Role, SenderLike } from '../messaging/router';
import type { HistoryItem } from '../model/incident';
import {
  HOST_PORT_NAME,
  reviewIdOfPort,
  type ChannelPort,
  type HostPush,
  type ReviewPush,
} from './port-protocol';
import type { ReviewRecord, ReviewStore } from './review-store';

/**
 * The worker's side of the review channels (see ./port-protocol.ts). It knows which reviews
 * are on screen (a connected review port), pushes to them, and tells each tab's host script
 * what to frame. Ports live only as long as this worker: after a restart the pages reconnect,
 * and everything they need is sent again from the review store.
 */

/** A port as the worker sees it: with its name and who connected it. */
export interface PortLike extends ChannelPort {
  name: string;
  sender?: SenderLike;
}

export interface ReviewPortsDeps {
  store: ReviewStore;
  /** The router's sender check: who is on the other end of a port. */
  roleOf(sender: SenderLike | undefined): Role | null;
  /** The history item of a request, for a review that already asked to create. */
  itemFor(requestId: string): Promise<HistoryItem | null>;
  log(message: string, error?: unknown): void;
}

const GONE = 'This review is no longer available. Start it again from the page’s context menu.';

/** Whether this sender may show this review: extension pages any, a frame only its tab's. */
export function mayShow(record: ReviewRecord | undefined, role: Role | null, sender?: SenderLike) {
  if (!record || !role) return false;
  if (role === 'page') return true;
  if (role === 'frame') return record.host === 'page' && sender?.tab?.id === record.tabId;
  return false;
}

export function createReviewPorts(deps: ReviewPortsDeps) {
  const reviews = new Map<string, Set<PortLike>>();
  const hosts = new Map<number, { port: PortLike; reviewId: string }>();
  const waiters = new Map<string, Set<() => void>>();
  /** Last item state pushed per review, so a change signal only sends what changed. */
  const lastItem = new Map<string, number>();

  function post(port: PortLike, message: ReviewPush | HostPush): void {
    try {
      port.postMessage(message);
    } catch {
      // Disconnected in between; onDisconnect cleans up.
    }
  }

  async function pushItemOf(reviewId: string, record: ReviewRecord | undefined): Promise<void> {
    if (!record?.requestId) return;
    const item = await deps.itemFor(record.requestId);
    if (!item || lastItem.get(reviewId) === item.updatedAt) return;
    lastItem.set(reviewId, item.updatedAt);
    push(reviewId, { type: 'item', item });
  }

  async function acceptReview(port: PortLike, reviewId: string): Promise<void> {
    const record = await deps.store.get(reviewId);
    if (!mayShow(record, deps.roleOf(port.sender), port.sender)) {
      post(port, { type: 'ended', message: GONE });
      port.disconnect();
      return;
    }
    let set = reviews.get(reviewId);
    if (!set) reviews.set(reviewId, (set = new Set()));
    set.add(port);
    port.onDisconnect.addListener(() => {
      set.delete(port);
      if (set.size === 0 && reviews.get(reviewId) === set) reviews.delete(reviewId);
    });
    // Whatever the page missed (a restart, a reconnect): the draft and the incident's state.
    // Read again now that pushes reach this port, so a draft stored meanwhile is not missed
    // (the page ignores a second copy).
    const fresh = await deps.store.get(reviewId);
    if (fresh?.draft) post(port, { type: 'draft', draft: fresh.draft });
    else if (fresh?.failed) post(port, { type: 'ended', message: fresh.failed });
    else if (fresh?.choose) post(port, { type: 'choose', choice: fresh.choose });
    lastItem.delete(reviewId);
    await pushItemOf(reviewId, fresh);
    waiters.get(reviewId)?.forEach((resolve) => resolve());
  }

  async function acceptHost(port: PortLike): Promise<void> {
    const tabId = port.sender?.tab?.id;
    const topFrame = (port.sender?.frameId ?? 0) === 0;
    if (deps.roleOf(port.sender) !== 'content' || tabId === undefined || !topFrame) {
      port.disconnect();
      return;
    }
    const record = await deps.store.forTab(tabId);
    if (!record || record.host !== 'page') {
      port.disconnect();
      return;
    }
    const { reviewId } = record;
    hosts.get(tabId)?.port.disconnect();
    hosts.set(tabId, { port, reviewId });
    port.onMessage.addListener((message) => {
      // The page's CSP refused our frame: the review moves to a window at once.
      if ((message as { type?: unknown } | null)?.type === 'blocked') {
        waiters.get(`blocked:${reviewId}`)?.forEach((resolve) => resolve());
      }
    });
    port.onDisconnect.addListener(() => {
      if (hosts.get(tabId)?.port === port) hosts.delete(tabId);
      // Leaving or reloading the page ends its review (a new one replaced it already, or it
      // moved to a window: then the record says so and stays).
      void deps.store
        .get(reviewId)
        .then((current) => {
          if (current?.host === 'page' && current.tabId === tabId) {
            return deps.store.remove(reviewId);
          }
          return false;
        })
        .catch((error: unknown) => deps.log('ending the review failed', error));
    });
    post(port, { type: 'frame', reviewId });
  }

  function push(reviewId: string, message: ReviewPush): boolean {
    const set = reviews.get(reviewId);
    if (!set || set.size === 0) return false;
    set.forEach((port) => post(port, message));
    return true;
  }

  function waitFor(key: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      let set = waiters.get(key);
      if (!set) waiters.set(key, (set = new Set()));
      const done = (value: boolean) => {
        clearTimeout(timer);
        set.delete(settle);
        if (set.size === 0) waiters.delete(key);
        resolve(value);
      };
      const settle = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      set.add(settle);
    });
  }

  return {
    /** runtime.onConnect: accepts our two port kinds from allowed senders, drops the rest. */
    onConnect(port: PortLike): void {
      const reviewId = reviewIdOfPort(port.name);
      const accepted =
        reviewId !== null
          ? acceptReview(port, reviewId)
          : port.name === HOST_PORT_NAME
            ? acceptHost(port)
            : Promise.resolve(port.disconnect());
      void accepted.catch((error: unknown) => {
        deps.log('a review channel failed', error);
        port.disconnect();
      });
    },
    /** "The dialog is showing" = its review page holds a connected port. */
    isShowing: (reviewId: string) => (reviews.get(reviewId)?.size ?? 0) > 0,
    push,
    /**
     * Resolves once the review's page is connected (true), or when the host reports that the
     * page blocked the frame, or after `ms` (false either way).
     */
    async waitForPage(reviewId: string, ms: number): Promise<boolean> {
      if ((reviews.get(reviewId)?.size ?? 0) > 0) return true;
      const blocked = waitFor(`blocked:${reviewId}`, ms).then(() => false);
      return Promise.race([waitFor(reviewId, ms), blocked]);
    },
    /** Takes the frame out of its tab (the review closed, or moved to a window). */
    removeFrame(reviewId: string): void {
      for (const [tabId, host] of hosts) {
        if (host.reviewId !== reviewId) continue;
        post(host.port, { type: 'remove', reviewId });
        hosts.delete(tabId);
      }
    },
    /** Something in the history changed: send each open review its incident's new state. */
    async itemsChanged(): Promise<void> {
      for (const reviewId of reviews.keys()) {
        await pushItemOf(reviewId, await deps.store.get(reviewId)).catch((error: unknown) =>
          deps.log('pushing the incident state failed', error),
        );
      }
    },
  };
}

export type ReviewPorts = ReturnType<typeof createReviewPorts>;
