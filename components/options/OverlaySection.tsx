import type { OptionsForm } from '../../utils/options/form';
import { isLocked } from '../../utils/options/locked';
import type { FieldErrors } from '../../utils/options/validate';
import { Field } from './Field';

/** The Intel Exchange overlay: on/off, its UI origin, the bulk limit and tagging. */
export function OverlaySection(props: {
  form: OptionsForm;
  errors: FieldErrors;
  locked: readonly string[];
  update: (fn: (f: OptionsForm) => OptionsForm) => void;
}) {
  const o = props.form.overlay;
  const set = (patch: Partial<OptionsForm['overlay']>) =>
    props.update((f) => ({ ...f, overlay: { ...f.overlay, ...patch } }));
  const locked = (key: string) => isLocked(props.locked, `overlay.${key}`);
  return (
    <div className="overlay-settings">
      <div className="checkbox-row">
        <input
          type="checkbox"
          id="overlay-enabled"
          checked={o.enabled}
          disabled={locked('enabled')}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />
        <label htmlFor="overlay-enabled">
          Show the action on Intel Exchange pages (threat data objects and the list)
        </label>
      </div>
      <Field
        id="overlay-ui-url"
        label="Intel Exchange UI URL"
        hint="Leave empty when the web UI is on the same host as the API (the usual case)."
        error={props.errors['overlay.uiUrl']}
        locked={locked('uiUrl')}
      >
        {(control) => (
          <input
            {...control}
            type="url"
            value={o.uiUrl}
            placeholder="https://tenant.cyware.com"
            disabled={control.disabled ?? locked('uiUrl')}
            onChange={(e) => set({ uiUrl: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        id="overlay-bulk-limit"
        label="Most objects in one incident"
        hint="A bulk selection over this is refused up front, before anything is read."
        error={props.errors['overlay.bulkLimit']}
        locked={locked('bulkLimit')}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            min={1}
            max={5000}
            value={o.bulkLimit}
            disabled={control.disabled ?? locked('bulkLimit')}
            onChange={(e) => set({ bulkLimit: e.currentTarget.value })}
          />
        )}
      </Field>
      <div className="checkbox-row">
        <input
          type="checkbox"
          id="overlay-tag"
          checked={o.tagObjects}
          disabled={locked('tagObjects')}
          onChange={(e) => set({ tagObjects: e.currentTarget.checked })}
        />
        <label htmlFor="overlay-tag">
          Tag each source object in Intel Exchange with the incident’s ID (CFTR INC…), so colleagues
          see it
        </label>
      </div>
    </div>
  );
}
