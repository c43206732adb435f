import { useState } from 'react';
import { errorWords } from '../../utils/popup/error-words';
import { useMessenger } from '../shared/messenger-context';
import { usePopupActions } from './popup-actions';
import { UiIcon } from './UiIcon';

/**
 * Starts the page flow for the tab the user is on. The review dialog opens in that tab, so the
 * popup closes once the background has taken over; otherwise it says why not.
 */
export function CreateFromPage(props: { disabled?: boolean }) {
  const request = useMessenger();
  const { activeTabId, closePopup } = usePopupActions();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const tabId = await activeTabId();
      if (tabId === null) {
        setProblem('There is no open tab to create an incident from.');
        return;
      }
      const result = await request('flow.startPage', { tabId });
      if (result.started) {
        closePopup();
        return;
      }
      setProblem(result.reason ?? 'This page cannot be used to create an incident.');
    } catch (error) {
      setProblem(errorWords(error, 'Creating from this page'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="create">
      <button
        type="button"
        className="button button--primary"
        disabled={busy || props.disabled}
        onClick={() => void start()}
      >
        <UiIcon name="plus" />
        {busy ? 'Starting…' : 'Create from this page'}
      </button>
      {problem ? (
        <p className="create-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
