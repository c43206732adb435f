import { useRef, useState } from 'react';
import type { LockStateView } from '../../utils/messaging/lock-contract';
import { useMessenger } from './messenger-context';
import { attemptWords } from './use-lock-state';

/**
 * The passphrase field and Unlock button, in the popup and on the options page. The field is
 * uncontrolled (the passphrase is never in React state or a DOM attribute) and is emptied after
 * every attempt.
 */
export function UnlockForm(props: {
  idPrefix: string;
  buttonClassName?: string;
  onUnlocked: (state: LockStateView) => void;
}) {
  const request = useMessenger();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `${props.idPrefix}-passphrase`;

  async function submit() {
    const passphrase = input.current?.value ?? '';
    if (!passphrase) {
      setError('Enter the passphrase.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await request('lock.unlock', { passphrase });
      if (input.current) input.current.value = '';
      if (result.ok) props.onUnlocked(result.state);
      else setError(attemptWords(result));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="unlock-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id}>Passphrase</label>
      <div className="unlock-row">
        <input
          ref={input}
          id={id}
          type="password"
          autoComplete="current-password"
          spellCheck={false}
          aria-describedby={error ? `${id}-error` : undefined}
          disabled={busy}
        />
        <button
          type="submit"
          id={`${props.idPrefix}-unlock`}
          className={props.buttonClassName}
          disabled={busy}
        >
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </div>
      {error ? (
        <p className="unlock-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
