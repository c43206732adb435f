import { useState } from 'react';
import type { TypeChoice } from '../../utils/options/type-choices';

/**
 * Several Intel Exchange types for one mapping row: the chosen ones as removable chips, and a
 * select + Add button for more (a plain select that adds on change would add a type per arrow
 * key press for keyboard users).
 */
export function TypePicker(props: {
  id: string;
  rowLabel: string;
  value: string[];
  choices: readonly TypeChoice[];
  /** Types also mapped in another row, lower-cased. */
  duplicated: ReadonlySet<string>;
  disabled: boolean;
  describedBy?: string | undefined;
  invalid: boolean;
  onChange: (types: string[]) => void;
}) {
  const [pick, setPick] = useState('');
  const chosen = new Set(props.value.map((t) => t.toLowerCase()));
  const available = props.choices.filter((c) => !chosen.has(c.id.toLowerCase()));
  const nameOf = (id: string) => props.choices.find((c) => c.id === id)?.name;

  function add(): void {
    if (pick === '' || chosen.has(pick.toLowerCase())) return;
    props.onChange([...props.value, pick]);
    setPick('');
  }

  return (
    <div className="type-picker">
      <ul className="chips" aria-label={`Intel Exchange types mapped to ${props.rowLabel}`}>
        {props.value.length === 0 ? <li className="chip-empty">No type yet</li> : null}
        {props.value.map((type) => {
          const dup = props.duplicated.has(type.toLowerCase());
          const name = nameOf(type);
          return (
            <li key={type} className={`chip${dup ? ' chip-dup' : ''}`}>
              <span>
                {name !== undefined && name !== type ? `${name} ` : ''}
                <code>{type}</code>
                {dup ? <span className="chip-flag"> (mapped twice)</span> : null}
              </span>
              {props.disabled ? null : (
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove ${type} from ${props.rowLabel}`}
                  onClick={() => props.onChange(props.value.filter((t) => t !== type))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <div className="type-add">
        <select
          id={props.id}
          value={pick}
          disabled={props.disabled || available.length === 0}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid ? true : undefined}
          onChange={(e) => setPick(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        >
          <option value="">Choose a type…</option>
          {available.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name === c.id ? c.id : `${c.name} (${c.id})`}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="secondary"
          disabled={props.disabled || pick === ''}
          onClick={add}
        >
          Add type
        </button>
      </div>
    </div>
  );
}
