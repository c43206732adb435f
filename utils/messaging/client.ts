import { browser } from 'wxt/browser';
import type { MessageResult, MessageType, RequestOf, ResponseOf } from './contract';

/** A message the background refused or failed; `code` is stable, `message` is for people. */
export class MessageError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'MessageError';
    this.code = code;
  }
}

type Send = (message: unknown) => Promise<unknown>;

/** The `{ ok, data } | { ok: false, error }` envelope every answer of the router has. */
function isResult(raw: unknown): raw is MessageResult {
  if (typeof raw !== 'object' || raw === null || !('ok' in raw)) return false;
  if (raw.ok === true) return 'data' in raw;
  if (raw.ok !== false || !('error' in raw)) return false;
  const error = raw.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/**
 * Typed request to the background, for pages. Types come from the contract, but the contract's
 * zod schemas are not loaded here (zod is a quarter of a page's package): the worker validates
 * every request, and every answer against the same contract before it sends it
 * (utils/messaging/router.ts), so a page checks only the envelope of an answer from our own
 * worker.
 */
export function createMessenger(send: Send = (m) => browser.runtime.sendMessage(m)) {
  return async function request<T extends MessageType>(
    type: T,
    payload: RequestOf<T>,
  ): Promise<ResponseOf<T>> {
    const raw = await send({ channel: 'cftr-bridge', type, payload });
    if (!isResult(raw)) {
      throw new MessageError('bad-response', 'The extension background gave no valid answer.');
    }
    if (!raw.ok) throw new MessageError(raw.error.code, raw.error.message);
    return raw.data as ResponseOf<T>;
  };
}

export type Messenger = ReturnType<typeof createMessenger>;
