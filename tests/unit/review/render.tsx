import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi } from 'vitest';
import { ReviewDialog, type ReviewDialogProps } from '../../../components/review/ReviewDialog';
import { MessengerProvider } from '../../../components/shared/messenger-context';
import type { DialogPush } from '../../../utils/review/dialog-bridge';
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

/** Renders the dialog as the window host does (StrictMode), with a push channel. */
export function renderDialog(
  background: FakeReviewBackground,
  props: Partial<ReviewDialogProps> = {},
) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  const listeners = new Set<(m: DialogPush) => void>();
  const onClose = vi.fn();
  root.render(
    <StrictMode>
      <MessengerProvider messenger={background.messenger}>
        <ReviewDialog
          variant="overlay"
          onClose={onClose}
          changeSignal={0}
          subscribe={(listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
          }}
          {...props}
        />
      </MessengerProvider>
    </StrictMode>,
  );
  return {
    container,
    onClose,
    push: (message: DialogPush) => listeners.forEach((l) => l(message)),
  };
}

export function unmountAll(): void {
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
