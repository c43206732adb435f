import { useEffect, useState } from 'react';
import type { Status } from '../../utils/model/views';
import { errorWords } from '../../utils/popup/error-words';
import { useMessenger } from '../shared/messenger-context';

export interface StatusState {
  status: Status | null;
  error: string | null;
}

/** status.get, read again whenever `revision` changes (tests, saves, outbox progress). */
export function useStatus(revision: number): StatusState {
  const request = useMessenger();
  const [state, setState] = useState<StatusState>({ status: null, error: null });
  useEffect(() => {
    let live = true;
    request('status.get', {}).then(
      (status) => live && setState({ status, error: null }),
      (error: unknown) =>
        live && setState((s) => ({ ...s, error: errorWords(error, 'Reading the status') })),
    );
    return () => {
      live = false;
    };
    // `revision` is the refetch trigger: the effect reads nothing from it, it just runs again.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [request, revision]);
  return state;
}
