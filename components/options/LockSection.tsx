import { useRef, useState } from 'react';
import type { SettingsView } from '../../utils/model/views';
import type { LockStateView } from '../../utils/messaging/lock-contract';
import { LOCKED_TEXT } from '../../utils/messaging/lock-text';
import { useMessenger } from '../shared/messenger-context';
import { LockGlyph } from '../shared/LockGlyph';
import { UnlockForm } from '../shared/UnlockForm';
import { attemptWords, isClosed, useLockState } from '../shared/use-lock-state';

const MIN_LENGTH = 8;

/** At the top of the options page while the lock is closed. */
export function LockBanner() {
  const { state } = useLockState();
  if (!isClosed(state)) return null;
  return (
    <p className="lock-banner tone-warn" role="status" data-testid="lock-banner">
      <LockGlyph /> {LOCKED_TEXT}.{' '}
      <a href="#lock">{state?.status === 'setup-required' ? 'Set a passphrase' : 'Unlock'}</a>
    </p>
  );
}

/** Uncontrolled password inputs: passphrases never sit in React state or DOM attributes. */
function PassInput(props: { id: string; label: string; autoComplete: string }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        autoComplete={props.autoComplete}
        spellCheck={false}
        defaultValue=""
      />
    </div>
  );
}

function read(form: HTMLFormElement, id: string): string {
  const el = form.querySelector<HTMLInputElement>(`#${id}`);
  return el?.value ?? '';
}

function clear(form: HTMLFormElement) {
  for (const el of form.querySelectorAll('input')) el.value = '';
}

/**
 * "Secret lock": the optional passphrase lock (issue 13). Off: what the at-rest encryption
 * does and does not do, and a form to turn the lock on. Locked: unlock. Unlocked: lock now,
 * change the passphrase, turn it off (not when policy requires it).
 */
export function LockSection(props: { onSecretsDeleted?: (view: SettingsView) => void }) {
  const request = useMessenger();
  const { state, setState } = useLockState();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  async function run(action: (form: HTMLFormElement) => Promise<LockStateView | null>) {
    const form = formRef.current;
    if (!form) return;
    setBusy(true);
    setMessage(null);
    try {
      const next = await action(form);
      if (next) setState(next);
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      clear(form);
      setBusy(false);
    }
  }

  function newPassphrase(form: HTMLFormElement): string | null {
    const next = read(form, 'lock-new');
    if ([...next].length < MIN_LENGTH) {
      setMessage({
        tone: 'error',
        text: `The passphrase needs at least ${MIN_LENGTH} characters.`,
      });
      return null;
    }
    if (next !== read(form, 'lock-confirm')) {
      setMessage({ tone: 'error', text: 'The two passphrases differ.' });
      return null;
    }
    return next;
  }

  if (state === null) return <p className="hint">Loading the lock…</p>;

  const notice = message ? (
    <p
      className={`lock-message tone-${message.tone}`}
      role={message.tone === 'error' ? 'alert' : 'status'}
    >
      {message.text}
    </p>
  ) : null;

  if (state.status === 'off' || state.status === 'setup-required') {
    return (
      <div className="lock-section" data-lock-status={state.status}>
        {state.status === 'setup-required' ? (
          <p className="tone-warn lock-state" role="status">
            {LOCKED_TEXT}: your administrator requires a passphrase lock. Set one to send.
          </p>
        ) : (
          <p className="lock-state">
            Off. The secret keys are encrypted with a key kept in this browser profile: that stops
            other extensions, web pages and sync, but anyone who can read the profile&apos;s files
            can decrypt them.
          </p>
        )}
        <p className="hint">
          With a passphrase, the key is stored only wrapped under it (PBKDF2-SHA-256, 600,000
          iterations). After the browser starts you unlock once; until then nothing is sent and new
          incidents wait in the queue. If you forget the passphrase, the secret keys cannot be
          recovered: reset the lock and enter them again. Turn it on before entering the secret
          keys: keys saved earlier stay readable in the browser&apos;s database files (old copies,
          with the old key) until the browser compacts them. If they are already saved, create new
          API keys in Cyware after turning the lock on and enter those.
        </p>
        <form
          ref={formRef}
          onSubmit={(e) => {
            e.preventDefault();
            void run(async (form) => {
              const next = newPassphrase(form);
              if (next === null) return null;
              const s = await request('lock.enable', { passphrase: next });
              setMessage(
                s.earlierSecrets
                  ? {
                      tone: 'error',
                      text: `The lock is on. ${s.earlierSecrets === 1 ? 'A secret key was' : 'Secret keys were'} saved before it: older copies may stay readable in the browser's files. Create new API keys in Cyware and enter them here.`,
                    }
                  : {
                      tone: 'ok',
                      text: 'The lock is on. It is unlocked until the browser closes.',
                    },
              );
              return s;
            });
          }}
        >
          <PassInput id="lock-new" label="New passphrase" autoComplete="new-password" />
          <PassInput id="lock-confirm" label="Repeat it" autoComplete="new-password" />
          <button type="submit" id="lock-enable" disabled={busy}>
            {busy ? 'Turning on…' : 'Turn on the lock'}
          </button>
        </form>
        {notice}
      </div>
    );
  }

  if (state.status === 'locked') {
    return (
      <div className="lock-section" data-lock-status="locked">
        <p className="tone-warn lock-state" role="status">
          <LockGlyph /> {LOCKED_TEXT}. Incidents created meanwhile wait in the queue and are sent
          after the unlock.
        </p>
        <UnlockForm
          idPrefix="options-lock"
          onUnlocked={(s) => {
            setState(s);
            setMessage({ tone: 'ok', text: 'Unlocked until the browser closes.' });
          }}
        />
        <details className="lock-reset">
          <summary>Forgot the passphrase?</summary>
          <p className="hint">
            It cannot be recovered. A reset deletes the lock and both stored secret keys (the other
            settings and the queue stay); then enter the secret keys again.
          </p>
          <button
            type="button"
            id="lock-reset"
            className="secondary"
            disabled={busy}
            onClick={() =>
              void (async () => {
                setBusy(true);
                try {
                  setState(await request('lock.reset', { confirm: true }));
                  // The connection cards show the secrets as not set any more.
                  props.onSecretsDeleted?.(await request('settings.get', {}));
                  setMessage({
                    tone: 'ok',
                    text: 'The lock and the secret keys are deleted: enter the secret keys again.',
                  });
                } catch (e) {
                  setMessage({ tone: 'error', text: e instanceof Error ? e.message : String(e) });
                } finally {
                  setBusy(false);
                }
              })()
            }
          >
            Reset: delete the lock and the secret keys
          </button>
        </details>
        {notice}
      </div>
    );
  }

  return (
    <div className="lock-section" data-lock-status="unlocked">
      <p className="tone-ok lock-state" role="status">
        On, unlocked until the browser closes
        {state.required ? ' (required by your administrator)' : ''}.
      </p>
      <button
        type="button"
        id="lock-now"
        className="secondary"
        disabled={busy}
        onClick={() =>
          void (async () => {
            setBusy(true);
            try {
              setState(await request('lock.lock', {}));
              setMessage(null);
            } catch (e) {
              setMessage({ tone: 'error', text: e instanceof Error ? e.message : String(e) });
            } finally {
              setBusy(false);
            }
          })()
        }
      >
        Lock now
      </button>
      <form
        ref={formRef}
        className="lock-change"
        onSubmit={(e) => {
          e.preventDefault();
          const submitter = (e.nativeEvent as SubmitEvent).submitter?.id;
          void run(async (form) => {
            const current = read(form, 'lock-current');
            if (!current) {
              setMessage({ tone: 'error', text: 'Enter the current passphrase.' });
              return null;
            }
            if (submitter === 'lock-disable') {
              const result = await request('lock.disable', { passphrase: current });
              setMessage(
                result.ok
                  ? { tone: 'ok', text: 'The lock is off.' }
                  : { tone: 'error', text: attemptWords(result) },
              );
              return result.state;
            }
            const next = newPassphrase(form);
            if (next === null) return null;
            const result = await request('lock.change', { current, next });
            setMessage(
              result.ok
                ? { tone: 'ok', text: 'The passphrase is changed.' }
                : { tone: 'error', text: attemptWords(result) },
            );
            return result.state;
          });
        }}
      >
        <h3>Change or remove the passphrase</h3>
        <p className="hint">To turn the lock off, only the current passphrase is needed.</p>
        <PassInput id="lock-current" label="Current passphrase" autoComplete="current-password" />
        <PassInput id="lock-new" label="New passphrase" autoComplete="new-password" />
        <PassInput id="lock-confirm" label="Repeat the new one" autoComplete="new-password" />
        <div className="lock-buttons">
          <button type="submit" id="lock-change" disabled={busy}>
            Change passphrase
          </button>
          {state.required ? null : (
            <button type="submit" id="lock-disable" className="secondary" disabled={busy}>
              Turn off the lock
            </button>
          )}
        </div>
      </form>
      {notice}
    </div>
  );
}
