import type { ReactNode } from 'react';
import { LOCKED_NOTE } from '../../utils/options/locked';

/** What a field's control needs so its label, hint, lock note and error are tied to it. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  disabled?: boolean;
}

export interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  locked?: boolean;
  /** Extra description ids (e.g. a live "normalised as" line). */
  describedBy?: string[];
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

export function describedByIds(
  id: string,
  parts: { hint?: boolean; locked?: boolean; error?: boolean; extra?: string[] },
): string | undefined {
  const ids = [
    ...(parts.error ? [`${id}-error`] : []),
    ...(parts.locked ? [`${id}-locked`] : []),
    ...(parts.hint ? [`${id}-hint`] : []),
    ...(parts.extra ?? []),
  ];
  return ids.length === 0 ? undefined : ids.join(' ');
}

/** A small padlock drawn in the text colour (no emoji: not every system has the font). */
function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path
        fill="currentColor"
        d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4zm2 0h4V5a2 2 0 1 0-4 0v2z"
      />
    </svg>
  );
}

export function LockedNote(props: { id: string }) {
  return (
    <p className="locked-note" id={props.id}>
      <LockIcon /> {LOCKED_NOTE}
    </p>
  );
}

export function FieldError(props: { id: string; message: string }) {
  return (
    <p className="field-error" id={props.id}>
      {props.message}
    </p>
  );
}

/** A labelled control with its hint, admin-lock note and error, all announced with it. */
export function Field(props: FieldProps) {
  const { id, error, locked = false, hint } = props;
  const describedBy = describedByIds(id, {
    hint: hint !== undefined,
    locked,
    error: Boolean(error),
    ...(props.describedBy ? { extra: props.describedBy } : {}),
  });
  const control: ControlProps = {
    id,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(error ? { 'aria-invalid': true as const } : {}),
    ...(locked ? { disabled: true } : {}),
  };
  return (
    <div className={`field${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(control)}
      {hint !== undefined ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {locked ? <LockedNote id={`${id}-locked`} /> : null}
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
    </div>
  );
}

/** A checkbox with its label after it (the usual reading order for checkboxes). */
export function CheckboxField(props: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  locked?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const locked = props.locked ?? false;
  const describedBy = describedByIds(props.id, { hint: props.hint !== undefined, locked });
  return (
    <div className="field checkbox-field">
      <div className="checkbox-row">
        <input
          type="checkbox"
          id={props.id}
          checked={props.checked}
          disabled={locked}
          aria-describedby={describedBy}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        <label htmlFor={props.id}>{props.label}</label>
      </div>
      {props.hint !== undefined ? (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {locked ? <LockedNote id={`${props.id}-locked`} /> : null}
    </div>
  );
}
