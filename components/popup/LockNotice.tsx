import { LOCKED_TEXT } from '../../utils/messaging/lock-text';
import { LockGlyph } from '../shared/LockGlyph';
import { UnlockForm } from '../shared/UnlockForm';
import { isClosed, useLockState } from '../shared/use-lock-state';

/**
 * While the passphrase lock is closed: "Locked — unlock to send", what waits, and the unlock
 * field. Creates made meanwhile wait in the outbox and go out after the unlock.
 */
export function LockNotice(props: { queued: number; onOpenSettings: () => void }) {
  const { state, setState } = useLockState();
  if (!isClosed(state)) return null;
  const setup = state?.status === 'setup-required';
  return (
    <section className="lock-notice" aria-labelledby="lock-notice-title" data-testid="lock-notice">
      <h2 id="lock-notice-title" className="lock-title">
        <LockGlyph /> {LOCKED_TEXT}
      </h2>
      <p className="muted">
        {props.queued > 0
          ? `${props.queued} incident${props.queued === 1 ? '' : 's'} waiting; sent after the unlock.`
          : 'New incidents wait in the queue until the unlock.'}
      </p>
      {setup ? (
        <p>
          Your administrator requires a passphrase lock.{' '}
          <button type="button" className="link-button" onClick={props.onOpenSettings}>
            Set one in the settings
          </button>
        </p>
      ) : (
        <UnlockForm
          idPrefix="popup-lock"
          buttonClassName="button button--primary"
          onUnlocked={setState}
        />
      )}
    </section>
  );
}
