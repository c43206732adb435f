import { newRowKey, mappingDrafts, type OptionsForm } from '../../utils/options/form';
import { isLocked } from '../../utils/options/locked';
import { typeChoices } from '../../utils/options/type-choices';
import { duplicateFields, duplicateTypes, type FieldErrors } from '../../utils/options/validate';
import { BUILTIN_CTIX_TYPES } from '../../utils/settings/ctix-types';
import { defaultSettings } from '../../utils/settings/defaults';
import { describedByIds, FieldError, LockedNote } from './Field';
import { TypePicker } from './TypePicker';
import type { IocTypeList } from './use-options-page';

function TypeSource(props: { types: IocTypeList | null }) {
  const { types } = props;
  if (types === null) return <p className="hint">Loading the Intel Exchange types…</p>;
  if (types.source === 'tenant') {
    return <p className="hint">Type choices come from your Intel Exchange tenant.</p>;
  }
  return (
    <div className="hint">
      <p>Type choices are the built-in list. Connect Intel Exchange to list your tenant's types.</p>
      {types.error ? (
        <p className="tone-warn">Loading the tenant's types failed: {types.error.message}</p>
      ) : null}
    </div>
  );
}

export function MappingEditor(props: {
  form: OptionsForm;
  errors: FieldErrors;
  locked: readonly string[];
  iocTypes: IocTypeList | null;
  update: (fn: (f: OptionsForm) => OptionsForm) => void;
}) {
  const { form, errors } = props;
  const locked = isLocked(props.locked, 'mapping');
  const choices = typeChoices(props.iocTypes?.types ?? BUILTIN_CTIX_TYPES);
  const dupTypes = duplicateTypes(form.mapping);
  const dupFields = duplicateFields(form.mapping);
  const setRows = (fn: (rows: OptionsForm['mapping']) => OptionsForm['mapping']) =>
    props.update((f) => ({ ...f, mapping: fn(f.mapping) }));
  const setRow = (key: string, patch: Partial<OptionsForm['mapping'][number]>) =>
    setRows((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  function addRow(): void {
    const key = newRowKey();
    setRows((rows) => [...rows, { key, respondField: '', ctixTypes: [] }]);
    setTimeout(() => document.getElementById(`mapping-${key}-field`)?.focus(), 0);
  }

  return (
    <div className="mapping-editor">
      <TypeSource types={props.iocTypes} />
      {locked ? <LockedNote id="mapping-locked" /> : null}
      <div className="mapping-head" aria-hidden="true">
        <span>Respond field</span>
        <span>Intel Exchange types</span>
      </div>
      <ol className="mapping-rows">
        {form.mapping.map((row, index) => {
          const fieldId = `mapping-${row.key}-field`;
          const typesId = `mapping-${row.key}-types`;
          const fieldError = errors[`mapping.${row.key}.respondField`];
          const typesError = errors[`mapping.${row.key}.ctixTypes`];
          const rowLabel = row.respondField.trim() || `row ${index + 1}`;
          const rowDups = row.ctixTypes.filter((t) => dupTypes.has(t.toLowerCase()));
          const others = (type: string) =>
            (dupTypes.get(type.toLowerCase()) ?? [])
              .filter((k) => k !== row.key)
              .map((k) => {
                const at = form.mapping.findIndex((r) => r.key === k);
                return `${form.mapping[at]?.respondField || 'unnamed'} (row ${at + 1})`;
              });
          const warnId = `mapping-${row.key}-dup`;
          const fieldDup = dupFields.has(row.respondField.trim());
          return (
            <li key={row.key} className="mapping-row">
              <div className="field">
                <label htmlFor={fieldId} className="visually-hidden">
                  Respond field, row {index + 1}
                </label>
                <input
                  id={fieldId}
                  type="text"
                  spellCheck={false}
                  value={row.respondField}
                  disabled={locked}
                  placeholder="e.g. ip_address"
                  aria-invalid={fieldError ? true : undefined}
                  aria-describedby={describedByIds(fieldId, {
                    error: Boolean(fieldError),
                    // One note for the whole table when policy sets it.
                    extra: [
                      ...(locked ? ['mapping-locked'] : []),
                      ...(fieldDup ? [`${fieldId}-dup`] : []),
                    ],
                  })}
                  onChange={(e) => setRow(row.key, { respondField: e.currentTarget.value })}
                />
                {fieldError ? <FieldError id={`${fieldId}-error`} message={fieldError} /> : null}
                {fieldDup ? (
                  <p className="field-warning" id={`${fieldId}-dup`}>
                    This field is named in another row too; their values are merged.
                  </p>
                ) : null}
              </div>
              <div className="field">
                <label htmlFor={typesId} className="visually-hidden">
                  Add an Intel Exchange type to {rowLabel}
                </label>
                <TypePicker
                  id={typesId}
                  rowLabel={rowLabel}
                  value={row.ctixTypes}
                  choices={choices}
                  duplicated={new Set(rowDups.map((t) => t.toLowerCase()))}
                  disabled={locked}
                  invalid={Boolean(typesError)}
                  describedBy={describedByIds(typesId, {
                    error: Boolean(typesError),
                    extra: [
                      ...(locked ? ['mapping-locked'] : []),
                      ...(rowDups.length > 0 ? [warnId] : []),
                    ],
                  })}
                  onChange={(ctixTypes) => setRow(row.key, { ctixTypes })}
                />
                {typesError ? <FieldError id={`${typesId}-error`} message={typesError} /> : null}
                {rowDups.length > 0 ? (
                  <p className="field-warning" id={warnId}>
                    Mapped twice:{' '}
                    {rowDups
                      .map((t) => `${t} is also mapped in ${others(t).join(', ')}`)
                      .join('; ')}
                    . Such IOCs fill every field they are mapped to.
                  </p>
                ) : null}
              </div>
              <div className="row-actions">
                <button
                  type="button"
                  className="secondary danger"
                  disabled={locked}
                  onClick={() => setRows((rows) => rows.filter((r) => r.key !== row.key))}
                >
                  Remove row<span className="visually-hidden"> for {rowLabel}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {form.mapping.length === 0 ? (
        <p className="hint">No rows: no IOC will be connected to incidents as threat intel.</p>
      ) : null}
      <div className="actions">
        <button type="button" className="secondary" disabled={locked} onClick={addRow}>
          Add row
        </button>
        <button
          type="button"
          className="secondary"
          disabled={locked}
          onClick={() => setRows(() => mappingDrafts(defaultSettings().mapping))}
        >
          Restore default mapping
        </button>
      </div>
    </div>
  );
}
