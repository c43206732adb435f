import { browser } from 'wxt/browser';
import {
  messages,
  resultSchema,
  type MessageType,
  type RequestOf,
  type ResponseOf,
} from './contract';

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

/**
 * Typed request to the background, for pages and content scripts. The response is validated
 * against the contract too: a page never trusts a shape it did not check.
 */
export function createMessenger(send: Send = (m) => browser.runtime.sendMessage(m)) {
  return async function request<T extends MessageType>(
    type: T,
    payload: RequestOf<T>,
  ): Promise<ResponseOf<T>> {
    const raw = await send({ channel: 'cftr-bridge', type, payload });
    const result = resultSchema.safeParse(raw);
    if (!result.success) {
      throw new MessageError('bad-response', 'The extension background gave no valid answer.');
    }
    if (!result.data.ok) throw new MessageError(result.data.error.code, result.data.error.message);
    return messages[type].response.parse(result.data.data) as ResponseOf<T>;
  };
}

export type Messenger = ReturnType<typeof createMessenger>;
