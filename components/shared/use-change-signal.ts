import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { CHANGE_SIGNAL_KEY } from '../../utils/messaging/signal-key';

type OnChanged = Pick<typeof browser.storage.onChanged, 'addListener' | 'removeListener'>;

/**
 * A number that changes whenever the background reports a history, outbox or status change
 * (it bumps `storage.local[CHANGE_SIGNAL_KEY]`). Use it as an effect dependency to refetch.
 */
export function useChangeSignal(onChanged: OnChanged = browser.storage.onChanged): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CHANGE_SIGNAL_KEY in changes) setRevision((r) => r + 1);
    };
    onChanged.addListener(listener);
    return () => onChanged.removeListener(listener);
  }, [onChanged]);
  return revision;
}
