import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi, type Mock } from 'vitest';
import { PopupActionsProvider, type PopupActions } from '../../../components/popup/popup-actions';
import { PopupApp } from '../../../components/popup/PopupApp';
import { MessengerProvider } from '../../../components/shared/messenger-context';
import type { FakeBackground } from './fake-background';

export type FakeActions = { [K in keyof PopupActions]: Mock<PopupActions[K]> };

export function fakeActions(overrides: Partial<FakeActions> = {}): FakeActions {
  return {
    openTab: vi.fn<PopupActions['openTab']>(async () => undefined),
    copyText: vi.fn<PopupActions['copyText']>(async () => undefined),
    activeTabId: vi.fn<PopupActions['activeTabId']>(async () => 7),
    openOptions: vi.fn<PopupActions['openOptions']>(async () => undefined),
    closePopup: vi.fn<PopupActions['closePopup']>(),
    ...overrides,
  };
}

const mounted: Root[] = [];

/** Renders the whole popup (in StrictMode, as the entrypoint does) over a fake background. */
export function renderPopup(background: FakeBackground, actions = fakeActions()) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  root.render(
    <StrictMode>
      <MessengerProvider messenger={background.messenger}>
        <PopupActionsProvider actions={actions}>
          <PopupApp />
        </PopupActionsProvider>
      </MessengerProvider>
    </StrictMode>,
  );
  return { container, actions };
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

/** Text of each row's readable ID (or "No ID yet"), top to bottom. */
export const rowIds = () => $$('.incident-list > li .row-id').map((e) => e.textContent);

export function buttonByText(text: string | RegExp, root: ParentNode = document) {
  return $$<HTMLButtonElement>('button', root).find((b) =>
    typeof text === 'string' ? b.textContent === text : text.test(b.textContent ?? ''),
  );
}

/** What React's onChange listens to on a controlled input. */
export function typeInto(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
