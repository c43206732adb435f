import type { HistoryItem } from '../../../utils/model/incident';
import type { MessageResult, MessageType } from '../../../utils/messaging/contract';
import type { Status } from '../../../utils/model/views';
import { createMessenger } from '../../../utils/messaging/client';
import { status as okStatus } from './fixtures';

/** The background's search, in short: title, readable ID, host or an IOC value. */
const matches = (item: HistoryItem, q: string) =>
  !q ||
  [item.title, item.readableId ?? '', item.source.host, ...item.iocs.map((i) => i.value)].some(
    (h) => h.toLowerCase().includes(q.toLowerCase()),
  );

type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

export interface Sent {
  type: MessageType;
  payload: Record<string, unknown>;
}

/**
 * An in-memory background for popup component tests: the history and status it holds are
 * served through the real typed messenger, so every answer is checked against the contract.
 * `hold` delays answers to one message type until released (ordering tests).
 */
export function fakeBackground(initial: { items?: HistoryItem[]; status?: Status } = {}) {
  const state = {
    items: [...(initial.items ?? [])],
    status: initial.status ?? okStatus(),
    startPage: ((): Answer => ({
      ok: false,
      error: { code: 'unknown-type', message: 'No handler for "flow.startPage".' },
    })) as (tabId: number) => Answer,
    retry: null as Answer | null,
    /** When set, history.dismiss without confirmUnknownOutcome answers this. */
    dismissUnconfirmed: null as Answer | null,
    /** When set, history.list fails with this message. */
    listError: null as string | null,
  };
  const sent: Sent[] = [];
  const held = new Map<MessageType, (() => void)[]>();
  const holding = new Set<MessageType>();

  function answer(type: MessageType, payload: Record<string, unknown>): Answer {
    switch (type) {
      case 'status.get':
        return { ok: true, data: state.status };
      case 'history.list': {
        if (state.listError) {
          return { ok: false, error: { code: 'handler-error', message: state.listError } };
        }
        const q = String(payload.query ?? '');
        const offset = Number(payload.offset ?? 0);
        const limit = Number(payload.limit ?? 50);
        const all = state.items
          .filter((i) => matches(i, q))
          .toSorted((a, b) => b.createdAt - a.createdAt);
        return { ok: true, data: { items: all.slice(offset, offset + limit), total: all.length } };
      }
      case 'history.retry': {
        if (state.retry) return state.retry;
        const item = state.items.find((i) => i.id === payload.id);
        if (!item) return { ok: false, error: { code: 'handler-error', message: 'Gone.' } };
        const { error: _e, ...rest } = item;
        const requeued: HistoryItem = { ...rest, state: 'queued' };
        state.items = state.items.map((i) => (i.id === item.id ? requeued : i));
        return { ok: true, data: requeued };
      }
      case 'history.dismiss': {
        if (state.dismissUnconfirmed && payload.confirmUnknownOutcome !== true) {
          return state.dismissUnconfirmed;
        }
        const before = state.items.length;
        state.items = state.items.filter((i) => i.id !== payload.id);
        return { ok: true, data: { removed: state.items.length < before } };
      }
      case 'outbox.resend': {
        const item = state.items.find((i) => i.id === payload.id);
        if (!item) return { ok: false, error: { code: 'handler-error', message: 'Gone.' } };
        const { error: _e, outcomeUnknown: _u, ...rest } = item;
        const requeued: HistoryItem = { ...rest, state: 'queued' };
        state.items = state.items.map((i) => (i.id === item.id ? requeued : i));
        return { ok: true, data: requeued };
      }
      case 'flow.startPage':
        return state.startPage(Number(payload.tabId));
      default:
        return { ok: false, error: { code: 'unknown-type', message: `No handler for "${type}".` } };
    }
  }

  const send = async (message: unknown): Promise<MessageResult> => {
    const { type, payload } = message as { type: MessageType; payload: Record<string, unknown> };
    sent.push({ type, payload });
    if (holding.has(type)) {
      await new Promise<void>((release) => held.set(type, [...(held.get(type) ?? []), release]));
    }
    return answer(type, payload);
  };

  return {
    state,
    sent,
    messenger: createMessenger(send),
    /** Payloads of every `type` message sent so far. */
    payloads(type: MessageType) {
      return sent.filter((s) => s.type === type).map((s) => s.payload);
    },
    hold(type: MessageType) {
      holding.add(type);
    },
    /** Answer the oldest (or newest) held message of `type`, from the state as it is now. */
    releaseOne(type: MessageType, which: 'oldest' | 'newest' = 'oldest') {
      const queue = held.get(type) ?? [];
      (which === 'oldest' ? queue.shift() : queue.pop())?.();
    },
    heldCount(type: MessageType) {
      return held.get(type)?.length ?? 0;
    },
    releaseAll() {
      holding.clear();
      for (const queue of held.values()) queue.splice(0).forEach((release) => release());
    },
  };
}

export type FakeBackground = ReturnType<typeof fakeBackground>;
