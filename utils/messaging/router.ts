import {
  envelopeSchema,
  messages,
  type MessageResult,
  type MessageType,
  type ParsedRequestOf,
  type ResponseOf,
} from './contract';

/**
 * The background's single runtime.onMessage entry point. Order of checks, each answering with
 * a stable code: who sent it (forbidden-sender), is it a message we know (unknown-type), is
 * its payload valid (invalid-payload), may this sender use it (not-allowed), then the handler
 * (handler-error, also when its answer does not match the contract).
 */

/**
 * Who sent a message: `page` = our extension page (popup, options, the review window);
 * `frame` = our review page framed in a web page's tab; `content` = our content script there.
 */
export type Role = 'page' | 'frame' | 'content';

/** The parts of runtime.MessageSender we read (Chrome and Firefox agree on these). */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export interface HandlerContext {
  role: Role;
  sender: SenderLike;
}

export type ParsedRequest<T extends MessageType> = ParsedRequestOf<T>;

export type Handler<T extends MessageType> = (
  payload: ParsedRequestOf<T>,
  ctx: HandlerContext,
) => Promise<ResponseOf<T>>;

export type Handlers = { [T in MessageType]?: Handler<T> };

export type ErrorCode =
  'forbidden-sender' | 'unknown-type' | 'invalid-payload' | 'not-allowed' | 'handler-error';

export interface RouterOptions {
  extensionId: string;
  /** e.g. chrome-extension://<id> (no trailing slash needed). */
  extensionOrigin: string;
  /** Told about handler failures; never given the payload (it may hold a secret). */
  onHandlerError?: (type: MessageType, error: unknown) => void;
}

/** A handler may throw this to answer with its message (other errors are answered generically). */
export class HandlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandlerError';
  }
}

export function senderRole(
  sender: SenderLike,
  opts: Pick<RouterOptions, 'extensionId' | 'extensionOrigin'>,
): Role | null {
  if (!opts.extensionId || sender.id !== opts.extensionId) return null;
  const origin = opts.extensionOrigin.replace(/\/+$/, '');
  const ours = (url: string | undefined) => url !== undefined && url.startsWith(`${origin}/`);
  if (ours(sender.url)) {
    // An extension page: the popup has no tab; options or the review window may sit in one,
    // and then that tab must show our page too.
    if (!sender.tab || ours(sender.tab.url)) return 'page';
    // Our review page in a web page's frame. Nothing else of ours is framed (only review.html
    // is web-accessible), and it gets only the review messages, bound to its tab.
    if ((sender.frameId ?? 0) > 0 && isReviewPage(sender.url, origin)) return 'frame';
    return null;
  }
  // Our content script runs in a web page's tab, and its URL is that page's.
  if (sender.tab && typeof sender.url === 'string' && sender.url.length > 0) return 'content';
  return null;
}

function isReviewPage(url: string | undefined, origin: string): boolean {
  return (
    url !== undefined &&
    (url === `${origin}/review.html` || url.startsWith(`${origin}/review.html?`))
  );
}

const ROLE_WORDS: Record<Role, string> = {
  page: 'extension pages',
  frame: 'the review dialog',
  content: 'web page scripts',
};

const fail = (code: ErrorCode, message: string): MessageResult => ({
  ok: false,
  error: { code, message },
});

function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(messages, type);
}

export type Listener = (
  message: unknown,
  sender: SenderLike,
  sendResponse: (response: MessageResult) => void,
) => true | undefined;

/** Pass to runtime.onMessage.addListener; `handle` is the decision alone, for tests. */
export type Router = Listener & {
  /** null = not our channel, left to other listeners. */
  handle(message: unknown, sender: SenderLike): Promise<MessageResult | null>;
};

const isBridgeMessage = (message: unknown): boolean =>
  typeof message === 'object' &&
  message !== null &&
  (message as { channel?: unknown }).channel === 'cftr-bridge';

export function createRouter(handlers: Handlers, opts: RouterOptions): Router {
  async function handle(message: unknown, sender: SenderLike): Promise<MessageResult | null> {
    if (!isBridgeMessage(message)) return null;

    const role = senderRole(sender, opts);
    if (!role) return fail('forbidden-sender', 'This sender may not talk to the extension.');

    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success) return fail('invalid-payload', 'The message envelope is malformed.');
    const { type } = envelope.data;
    if (!isMessageType(type)) return fail('unknown-type', `Unknown message type "${type}".`);
    const spec = messages[type];

    const payload = spec.request.safeParse(envelope.data.payload);
    if (!payload.success) {
      const where = payload.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.map(String).join('.') || '(payload)'}: ${i.message}`)
        .join('; ');
      return fail('invalid-payload', `Invalid ${type} request: ${where}`);
    }
    if (!(spec.from as readonly Role[]).includes(role)) {
      return fail('not-allowed', `${type} is not available to ${ROLE_WORDS[role]}.`);
    }

    const handler = handlers[type] as Handler<MessageType> | undefined;
    if (!handler) return fail('unknown-type', `No handler for "${type}".`);

    let data: unknown;
    try {
      data = await handler(payload.data as ParsedRequestOf<MessageType>, { role, sender });
    } catch (error) {
      opts.onHandlerError?.(type, error);
      const shown =
        error instanceof HandlerError ? error.message : `The extension could not complete ${type}.`;
      return fail('handler-error', shown);
    }
    const checked = spec.response.safeParse(data);
    if (!checked.success) {
      opts.onHandlerError?.(type, new Error(`Response of ${type} does not match the contract`));
      return fail('handler-error', `The extension gave an invalid answer to ${type}.`);
    }
    return { ok: true, data: checked.data };
  }

  // Chrome's rule, which the polyfill and the fake browser both honour: answer through
  // sendResponse and return true to keep the channel open. Returning undefined for messages
  // that are not ours lets other listeners answer them.
  const listener: Listener = (message, sender, sendResponse) => {
    if (!isBridgeMessage(message)) return undefined;
    void handle(message, sender).then(
      (result) => sendResponse(result ?? fail('unknown-type', 'Not a bridge message.')),
      () => sendResponse(fail('handler-error', 'The extension failed to answer.')),
    );
    return true;
  };

  return Object.assign(listener, { handle });
}
