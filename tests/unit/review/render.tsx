import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi } from 'vitest';
import { ReviewDialog, type ReviewDialogProps } from '../../../components/review/ReviewDialog';
import { MessengerProvider } from '../../../components/shared/messenger-context';
import type { ChannelPort } from '../../../utils/review/port-protocol';
import type { ReviewEvent } from '../../../utils/review/review-channel';
import { createReviewSubscription } from '../../../utils/review/review-subscription';
import { MessageError } from '../../../utils/messaging/client';
import { createMessenger } from '../../../utils/messaging/client';
import type { MessageType } from '../../../utils/messaging/contract';

type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
type Responder = (payload: Record<string, unknown>) => Answer | Promise<Answer>;

export const ok = (data: unknown): Answer => ({ ok: true, data });
export const refused = (message: string): Answer => ({
  ok: false,
  error: { code: 'handler-error', message },
});

/**
 * The background as the dialog sees it: one responder per message type, answers checked by the
 * real typed messenger against the contract. Every request is recorded.
 */
export function fakeBackground(responders: Partial<Record<MessageType, Responder>>) {
  const sent: { type: MessageType; payload: Record<string, unknown> }[] = [];
  const messenger = createMessenger(async (message) => {
    const { type, payload } = message as { type: MessageType; payload: Record<string, unknown> };
    sent.push({ type, payload });
    const responder = responders[type];
    if (!responder) return refused(`No handler for ${type}`);
    return responder(payload);
  });
  return {
    messenger,
    sent,
    payloads: (type: MessageType) => sent.filter((s) => s.type === type).map((s) => s.payload),
  };
}

export type FakeReviewBackground = ReturnType<typeof fakeBackground>;

const mounted: Root[] = [];

/**
 * The worker's side of the review's port, faked over the fake background: on connect it sends
 * the draft its review.get responder holds (or says the review ended when it refuses), and
 * after a create it pushes the incident's state whenever the incident.get responder has news,
 * the way the real worker pushes on every history change. Tests push progress themselves.
 */
function fakeWorkerChannel(background: FakeReviewBackground, reviewId: string) {
  const receivers = new Set<(message: unknown) => void>();
  // Pushes go through the real page side (utils/review/review-subscription.ts): a port, the
  // schema checks, and the replay for a listener that subscribes late.
  // Like the real worker, it can only push once the page has connected: earlier pushes wait.
  const waiting: unknown[] = [];
  const emit = (event: ReviewEvent | Record<string, unknown>) => {
    if (receivers.size === 0) waiting.push(event);
    else receivers.forEach((deliver) => deliver(event));
  };
  const port = (): ChannelPort => ({
    postMessage: () => undefined,
    disconnect: () => undefined,
    onMessage: {
      addListener: (cb) => {
        receivers.add(cb);
        waiting.splice(0).forEach((event) => cb(event));
      },
    },
    onDisconnect: { addListener: () => undefined },
  });
  const timers: ReturnType<typeof setInterval>[] = [];
  async function sendDraft() {
    try {
      const { draft } = await background.messenger('review.get', { reviewId });
      if (draft) emit({ type: 'draft', draft });
    } catch (error) {
      emit({ type: 'ended', message: error instanceof MessageError ? error.message : 'ended' });
    }
  }
  let lastSent = 0;
  timers.push(
    setInterval(() => {
      const created = background.sent.filter((m) => m.type === 'incident.create');
      const last = created.at(-1);
      if (!last || created.length < lastSent) return;
      lastSent = created.length;
      const id = (last.payload.incident as { requestId: string }).requestId;
      void background.messenger('incident.get', { id }).then(
        ({ item }) => item && emit({ type: 'item', item }),
        () => undefined,
      );
    }, 50),
  );
  const subscribe = createReviewSubscription({
    reviewId,
    connect: () => {
      const p = port();
      queueMicrotask(() => void sendDraft());
      return p;
    },
  });
  return { subscribe, emit, sendDraft, stop: () => timers.forEach(clearInterval) };
}

const channels: ReturnType<typeof fakeWorkerChannel>[] = [];

/** Renders the dialog as the review page does (StrictMode), over a fake worker channel. */
export function renderDialog(
  background: FakeReviewBackground,
  props: Partial<ReviewDialogProps> = {},
) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  const reviewId = props.reviewId ?? 'review-1';
  const channel = fakeWorkerChannel(background, reviewId);
  channels.push(channel);
  const onClose = vi.fn();
  root.render(
    <StrictMode>
      <MessengerProvider messenger={background.messenger}>
        <ReviewDialog
          variant="overlay"
          reviewId={reviewId}
          onClose={onClose}
          subscribe={channel.subscribe}
          {...props}
        />
      </MessengerProvider>
    </StrictMode>,
  );
  return {
    container,
    onClose,
    /** A push from the worker (progress, an item, the end). */
    push: channel.emit,
    /** The worker stored the draft: it sends it now. */
    ready: channel.sendDraft,
  };
}

export function unmountAll(): void {
  for (const channel of channels.splice(0)) channel.stop();
  for (const root of mounted.splice(0)) root.unmount();
  document.body.replaceChildren();
}

export const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) =>
  root.querySelector<T>(sel);
export const $$ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => [
  ...root.querySelectorAll<T>(sel),
];

export function buttonByText(text: string | RegExp, root: ParentNode = document) {
  return $$<HTMLButtonElement>('button', root).find((b) =>
    typeof text === 'string' ? b.textContent === text : text.test(b.textContent ?? ''),
  );
}

export function press(target: Element, key: string, init: KeyboardEventInit = {}) {
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
  );
}

export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto =
    input instanceof HTMLTextAreaElement
      ? HTMLTextAreaElement.prototype
      : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
