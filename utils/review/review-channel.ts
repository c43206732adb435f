import { historyItemSchema, type HistoryItem } from '../model/incident';
import { nodeChoiceSchema, type NodeChoice } from '../model/node-choice';
import { reviewDraftSchema, type ReviewDraft } from '../model/review';
import { reviewPortName, type ChannelPort } from './port-protocol';

/**
 * The review page's end of its port (see ./port-protocol.ts): connects for one review,
 * reconnects when the worker restarts, and hands on only pushes that pass the model's schemas.
 */

export type ReviewEvent =
  | { type: 'progress'; text: string }
  | { type: 'draft'; draft: ReviewDraft }
  | { type: 'choose'; choice: NodeChoice }
  | { type: 'item'; item: HistoryItem }
  | { type: 'ended'; message: string };

export interface ReviewChannelDeps {
  connect(name: string): ChannelPort;
  reviewId: string;
  onEvent(event: ReviewEvent): void;
  signal: AbortSignal;
  /** Waits between reconnects; the last one repeats. */
  retryMs?: readonly number[];
}

const RETRY_MS = [50, 200, 500, 1000, 2000];

export function parseReviewPush(message: unknown): ReviewEvent | null {
  if (typeof message !== 'object' || message === null) return null;
  const push = message as Record<string, unknown>;
  switch (push.type) {
    case 'progress':
      return typeof push.text === 'string' ? { type: 'progress', text: push.text } : null;
    case 'ended':
      return typeof push.message === 'string' ? { type: 'ended', message: push.message } : null;
    case 'draft': {
      const parsed = reviewDraftSchema.safeParse(push.draft);
      return parsed.success ? { type: 'draft', draft: parsed.data } : null;
    }
    case 'choose': {
      const parsed = nodeChoiceSchema.safeParse(push.choice);
      return parsed.success ? { type: 'choose', choice: parsed.data } : null;
    }
    case 'item': {
      const parsed = historyItemSchema.safeParse(push.item);
      return parsed.success ? { type: 'item', item: parsed.data } : null;
    }
    default:
      return null;
  }
}

/** Keeps one port open for the review until `signal` aborts or the worker says it ended. */
export function openReviewChannel(deps: ReviewChannelDeps): void {
  const retry = deps.retryMs ?? RETRY_MS;
  let attempt = 0;
  let ended = false;
  let port: ChannelPort | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  deps.signal.addEventListener('abort', () => {
    clearTimeout(timer);
    port?.disconnect();
  });

  function connect(): void {
    if (deps.signal.aborted || ended) return;
    try {
      port = deps.connect(reviewPortName(deps.reviewId));
    } catch {
      // The extension was updated or removed: this page can no longer reach it.
      deps.onEvent({
        type: 'ended',
        message: 'The extension was updated. Start the review again.',
      });
      return;
    }
    const current = port;
    current.onMessage.addListener((message) => {
      const event = parseReviewPush(message);
      if (!event) return;
      attempt = 0;
      if (event.type === 'ended') ended = true;
      deps.onEvent(event);
    });
    current.onDisconnect.addListener(() => {
      if (port !== current) return;
      port = null;
      if (deps.signal.aborted || ended) return;
      // The worker stopped (MV3 ends idle workers, or it crashed): connecting starts it again.
      const wait = retry[Math.min(attempt, retry.length - 1)] ?? 1000;
      attempt += 1;
      timer = setTimeout(connect, wait);
    });
  }

  connect();
}
