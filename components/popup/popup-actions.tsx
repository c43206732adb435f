import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { browser } from 'wxt/browser';

/**
 * What the popup asks of the browser itself (tabs, clipboard, options page, closing). From
 * context, so component tests pass fakes instead of driving a real browser.
 */
export interface PopupActions {
  openTab(url: string): Promise<void>;
  copyText(text: string): Promise<void>;
  /** The tab the user was looking at when they opened the popup, or null. */
  activeTabId(): Promise<number | null>;
  openOptions(): Promise<void>;
  closePopup(): void;
}

export function browserPopupActions(): PopupActions {
  return {
    async openTab(url) {
      await browser.tabs.create({ url });
    },
    copyText: (text) => navigator.clipboard.writeText(text),
    async activeTabId() {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id ?? null;
    },
    openOptions: () => browser.runtime.openOptionsPage(),
    closePopup: () => window.close(),
  };
}

const PopupActionsContext = createContext<PopupActions | null>(null);

export function PopupActionsProvider(props: { actions?: PopupActions; children: ReactNode }) {
  const actions = useMemo(() => props.actions ?? browserPopupActions(), [props.actions]);
  return (
    <PopupActionsContext.Provider value={actions}>{props.children}</PopupActionsContext.Provider>
  );
}

export function usePopupActions(): PopupActions {
  const actions = useContext(PopupActionsContext);
  if (!actions) throw new Error('usePopupActions needs a <PopupActionsProvider> above it');
  return actions;
}
