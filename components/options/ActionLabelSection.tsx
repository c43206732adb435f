import type { OptionsForm } from '../../utils/options/form';
import { isLocked } from '../../utils/options/locked';
import type { FieldErrors } from '../../utils/options/validate';
import { DEFAULT_ACTION_LABEL } from '../../utils/settings/defaults';
import { Field } from './Field';

export function ActionLabelSection(props: {
  form: OptionsForm;
  errors: FieldErrors;
  locked: readonly string[];
  update: (fn: (f: OptionsForm) => OptionsForm) => void;
}) {
  const locked = isLocked(props.locked, 'actionLabel');
  return (
    <div className="action-label">
      <Field
        id="actionLabel"
        label="Action label"
        hint={`The text of every button and menu item that creates an incident, e.g. "${props.form.actionLabel.trim() || DEFAULT_ACTION_LABEL} from selection". Match the name your Respond admins gave the action.`}
        error={props.errors.actionLabel}
        locked={locked}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={props.form.actionLabel}
            onChange={(e) => {
              const actionLabel = e.currentTarget.value;
              props.update((f) => ({ ...f, actionLabel }));
            }}
          />
        )}
      </Field>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={locked || props.form.actionLabel === DEFAULT_ACTION_LABEL}
          onClick={() => props.update((f) => ({ ...f, actionLabel: DEFAULT_ACTION_LABEL }))}
        >
          Use the default label
        </button>
      </div>
    </div>
  );
}
