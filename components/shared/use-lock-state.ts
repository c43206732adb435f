import { useCallback, useEffect, useState } from 'react';
import type { LockStateView } from '../../utils/messaging/lock-contract';
import { useMessenger } from './messenger-context';
import { useChangeSignal } from './use-change-signal';

/** The passphrase lock's state (issue 13), re-read whenever the background signals a change. */
export function useLockState() {
  const request = useMessenger();
  const signal = useChangeSignal();
  const [state, setState] = useState<LockStateView | null>(null);
  const [local, setLocal] = useState(0);
  const reload = useCallback(() => setLocal((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    request('lock.status', {})
      .then((s) => {
        if (live) setState(s);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // `signal` and `local` are refetch triggers only.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [request, signal, local]);

  return { state, setState, reload };
}

export const isClosed = (state: LockStateView | null) =>
  state?.status === 'locked' || state?.status === 'setup-required';

/** "try again in 5 s" / "in 2 min" for the rate limit. */
export function waitWords(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 90 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}

export function attemptWords(result: { ok: boolean; reason?: string; retryInMs: number }): string {
  if (result.ok) return '';
  if (result.reason === 'rate-limited') {
    return `Too many wrong passphrases: try again in ${waitWords(result.retryInMs)}.`;
  }
  return result.retryInMs > 0
    ? `Wrong passphrase. Too many tries: wait ${waitWords(result.retryInMs)} before the next one.`
    : 'Wrong passphrase.';
}
