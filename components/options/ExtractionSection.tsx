import { IOC_TYPE_LABELS } from '../../utils/options/labels';
import type { OptionsForm } from '../../utils/options/form';
import { isLocked } from '../../utils/options/locked';
import { allowlistProblems, type FieldErrors } from '../../utils/options/validate';
import { EXTRACTABLE_IOC_TYPES } from '../../utils/settings/constants';
import { CheckboxField, describedByIds, Field, LockedNote } from './Field';

export function ExtractionSection(props: {
  form: OptionsForm;
  errors: FieldErrors;
  locked: readonly string[];
  update: (fn: (f: OptionsForm) => OptionsForm) => void;
}) {
  const { form, errors } = props;
  const ex = form.extraction;
  const locked = (path: string) => isLocked(props.locked, path);
  const setEx = (patch: Partial<OptionsForm['extraction']>) =>
    props.update((f) => ({ ...f, extraction: { ...f.extraction, ...patch } }));
  const typesLocked = locked('extraction.types');
  const allowlistLocked = locked('extraction.allowlist');
  const problems = allowlistProblems(ex.allowlist);
  const allowlistError = errors['extraction.allowlist'];

  return (
    <div className="extraction">
      <fieldset
        className="types"
        aria-describedby={typesLocked ? 'extraction-types-locked' : undefined}
      >
        <legend>IOC types to extract</legend>
        {typesLocked ? <LockedNote id="extraction-types-locked" /> : null}
        <div className="type-grid">
          {EXTRACTABLE_IOC_TYPES.map((type) => (
            <div className="checkbox-row" key={type}>
              <input
                type="checkbox"
                id={`extraction-type-${type}`}
                checked={ex.types.includes(type)}
                disabled={typesLocked}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  props.update((f) => ({
                    ...f,
                    extraction: {
                      ...f.extraction,
                      // Kept in the canonical order, so toggling back is no change.
                      types: EXTRACTABLE_IOC_TYPES.filter((t) =>
                        t === type ? on : f.extraction.types.includes(t),
                      ),
                    },
                  }));
                }}
              />
              <label htmlFor={`extraction-type-${type}`}>{IOC_TYPE_LABELS[type]}</label>
            </div>
          ))}
        </div>
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={typesLocked}
            onClick={() => setEx({ types: [...EXTRACTABLE_IOC_TYPES] })}
          >
            Select all
          </button>
          <button
            type="button"
            className="secondary"
            disabled={typesLocked}
            onClick={() => setEx({ types: [] })}
          >
            Select none
          </button>
        </div>
        {ex.types.length === 0 ? (
          <p className="field-warning">No type selected: nothing will be extracted from pages.</p>
        ) : null}
      </fieldset>
      <CheckboxField
        id="extraction-refang"
        label="Refang defanged IOCs"
        hint="Reads hxxp://, evil[.]com, user[at]example.org and similar as real values."
        checked={ex.refang}
        locked={locked('extraction.refang')}
        onChange={(refang) => setEx({ refang })}
      />
      <CheckboxField
        id="extraction-includePrivateIps"
        label="Include private and reserved IP addresses"
        hint="Off by default: 10.0.0.0/8, 192.168.0.0/16, loopback and similar are rarely threat intel."
        checked={ex.includePrivateIps}
        locked={locked('extraction.includePrivateIps')}
        onChange={(includePrivateIps) => setEx({ includePrivateIps })}
      />
      <CheckboxField
        id="review-uncheckFlagged"
        label="Start allow-listed and false-positive IOCs unchecked"
        hint="When Intel Exchange marks an IOC allow-listed or false positive, the review dialog unchecks it and says so; the analyst can check it again."
        checked={props.form.review.uncheckFlagged}
        locked={locked('review.uncheckFlagged')}
        onChange={(uncheckFlagged) => props.update((f) => ({ ...f, review: { uncheckFlagged } }))}
      />
      <div className="field">
        <label htmlFor="extraction-allowlist">Allowlist: values never included</label>
        <textarea
          id="extraction-allowlist"
          rows={5}
          spellCheck={false}
          value={ex.allowlist}
          disabled={allowlistLocked}
          placeholder={'*.corp.example\n10.0.0.0/8'}
          aria-invalid={allowlistError ? true : undefined}
          aria-describedby={describedByIds('extraction-allowlist', {
            error: Boolean(allowlistError),
            locked: allowlistLocked,
            hint: true,
          })}
          onChange={(e) => setEx({ allowlist: e.currentTarget.value })}
        />
        <p className="hint" id="extraction-allowlist-hint">
          One per line: a domain (<code>corp.example</code>), a wildcard (
          <code>*.corp.example</code>), an IP or a CIDR range (<code>10.0.0.0/8</code>). Your
          tenant's and the page's own domains are always excluded.
        </p>
        {allowlistLocked ? <LockedNote id="extraction-allowlist-locked" /> : null}
        {problems.length > 0 ? (
          <div className="field-error" id="extraction-allowlist-error">
            <p>
              {problems.length === 1 ? 'One line needs' : `${problems.length} lines need`} fixing:
            </p>
            <ul>
              {problems.map((p) => (
                <li key={p.line}>
                  Line {p.line} (<code>{p.entry}</code>): {p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : allowlistError ? (
          // Not a per-line problem: the check is still loading (or could not load).
          <div className="field-error" id="extraction-allowlist-error">
            <p>{allowlistError}</p>
          </div>
        ) : null}
      </div>
      <fieldset className="rate-limits">
        <legend>API rate limits</legend>
        <p className="hint">
          Requests per minute the extension sends to each product, below your API key's limit.
        </p>
        <div className="grid-2">
          {(
            [
              ['ctixPerMinute', 'Intel Exchange requests per minute'],
              ['cftrPerMinute', 'Respond requests per minute'],
            ] as const
          ).map(([key, label]) => (
            <Field
              key={key}
              id={`rateLimits-${key}`}
              label={label}
              error={errors[`rateLimits.${key}`]}
              locked={locked(`rateLimits.${key}`)}
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  inputMode="numeric"
                  value={form.rateLimits[key]}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    props.update((f) => ({ ...f, rateLimits: { ...f.rateLimits, [key]: value } }));
                  }}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
