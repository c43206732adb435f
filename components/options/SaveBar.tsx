import { useEffect } from 'react';
import { SECTION_LABELS, type SectionKey } from '../../utils/options/diff';
import type { Notice } from './use-options-page';

/** Warn before leaving with unsaved changes (the browser shows its own wording). */
function useBeforeUnload(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium needs returnValue set to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
}

/** The sticky bar at the bottom: what is unsaved, the last save's outcome, Save and Discard. */
export function SaveBar(props: {
  changed: SectionKey[];
  saving: boolean;
  notice: Notice | null;
  onSave: () => void;
  onDiscard: () => void;
}) {
  const dirty = props.changed.length > 0;
  useBeforeUnload(dirty);
  return (
    <div className={`save-bar${dirty ? ' dirty' : ''}`} role="region" aria-label="Save changes">
      <div className="save-state">
        {dirty ? (
          <p id="unsaved-changes">
            <strong>Unsaved changes</strong>:{' '}
            {props.changed.map((k) => SECTION_LABELS[k]).join(', ')}
          </p>
        ) : (
          <p className="hint">No unsaved changes.</p>
        )}
        <div role="status" aria-live="polite" id="save-notice">
          {props.notice ? <p className={`tone-${props.notice.tone}`}>{props.notice.text}</p> : null}
        </div>
      </div>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={!dirty || props.saving}
          onClick={props.onDiscard}
        >
          Discard changes
        </button>
        <button
          type="button"
          className="primary"
          id="save-button"
          disabled={props.saving}
          onClick={props.onSave}
        >
          {props.saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </div>
  );
}
