import { useRef } from 'react';
import type { SecretDraft } from '../../utils/options/form';
import { describedByIds } from './Field';

export function formatSetOn(at: number | undefined): string {
  if (at === undefined) return 'set';
  return `set on ${new Date(at).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  })}`;
}

/**
 * A write-only secret key. The stored key never comes back from the background: once saved,
 * this shows "set on <date>" and a Replace button. The input is uncontrolled so the typed key
 * is never written into a DOM attribute; the parent remounts it (new `key`) after a save.
 */
export function SecretField(props: {
  id: string;
  productName: string;
  draft: SecretDraft;
  stored: { set: boolean; updatedAt?: number | undefined; cleared?: 'origin-moved' | undefined };
  onChange: (draft: SecretDraft) => void;
}) {
  const { id, draft, stored } = props;
  const input = useRef<HTMLInputElement>(null);
  const statusId = `${id}-status`;

  if (!draft.editing) {
    return (
      <div className="field secret-field">
        <span className="label-text" id={`${id}-label`}>
          Secret key
        </span>
        <div className="secret-set">
          <p id={statusId} className="secret-status">
            <span aria-hidden="true">●●●●●●●● </span>
            {formatSetOn(stored.updatedAt)}
          </p>
          <button
            type="button"
            className="secondary"
            aria-describedby={`${id}-label ${statusId}`}
            onClick={() => {
              props.onChange({ editing: true, value: '' });
              setTimeout(() => document.getElementById(id)?.focus(), 0);
            }}
          >
            Replace
          </button>
        </div>
      </div>
    );
  }

  const hintId = `${id}-hint`;
  return (
    <div className="field secret-field">
      <label htmlFor={id}>Secret key</label>
      {stored.cleared === 'origin-moved' && !stored.set ? (
        <p className="field-error secret-cleared" role="alert" data-testid={`${id}-cleared`}>
          {props.productName} secret cleared: the API address moved to another host; enter the
          secret again.
        </p>
      ) : null}
      <div className="secret-edit">
        <input
          ref={input}
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          defaultValue=""
          aria-describedby={describedByIds(id, { hint: true })}
          onChange={(e) => props.onChange({ editing: true, value: e.currentTarget.value })}
        />
        {stored.set ? (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (input.current) input.current.value = '';
              props.onChange({ editing: false, value: '' });
            }}
          >
            Keep current key
          </button>
        ) : null}
      </div>
      <p className="hint" id={hintId}>
        {stored.set
          ? `A new ${props.productName} key replaces the one ${formatSetOn(stored.updatedAt)} when you save.`
          : `Shown once by ${props.productName} with the access ID. It is stored encrypted in this browser and never shown again.`}
      </p>
    </div>
  );
}
