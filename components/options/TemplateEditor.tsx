import { incidentLink, PLACEHOLDERS } from '../../utils/cyware/template';
import { splitList, type OptionsForm } from '../../utils/options/form';
import { PLACEHOLDER_HELP } from '../../utils/options/labels';
import { isLocked } from '../../utils/options/locked';
import { templateBodyProblem, type FieldErrors } from '../../utils/options/validate';
import { defaultTemplate } from '../../utils/settings/defaults';
import type { IncidentTemplate } from '../../utils/settings/schema';
import { CodeEditor } from './CodeEditor';
import { describedByIds, Field, FieldError, LockedNote } from './Field';
import { TemplatePreview } from './TemplatePreview';

const TEMPLATE_FIELDS = [
  'template.body',
  'template.createPath',
  'template.apiIdPaths',
  'template.readableIdPaths',
  'template.linkTemplate',
] as const;

function templateForPreview(form: OptionsForm, errors: FieldErrors): IncidentTemplate | null {
  if (TEMPLATE_FIELDS.some((path) => errors[path] !== undefined)) return null;
  return {
    createPath: form.template.createPath.trim(),
    body: form.template.body,
    apiIdPaths: splitList(form.template.apiIdPaths),
    readableIdPaths: splitList(form.template.readableIdPaths),
    linkTemplate: form.template.linkTemplate.trim(),
    defaultTlp: form.template.defaultTlp.trim(),
  };
}

export function TemplateEditor(props: {
  form: OptionsForm;
  errors: FieldErrors;
  locked: readonly string[];
  /** Saved Respond UI URL, for the example link. */
  uiUrl: string;
  revision: number;
  update: (fn: (f: OptionsForm) => OptionsForm) => void;
}) {
  const { form, errors } = props;
  const locked = (field: string) => isLocked(props.locked, `template.${field}`);
  const set = (field: keyof OptionsForm['template'], value: string) =>
    props.update((f) => ({ ...f, template: { ...f.template, [field]: value } }));
  const bodyError = errors['template.body'];
  const problem = bodyError ? templateBodyProblem(form.template.body) : null;
  const bodyLocked = locked('body');
  const exampleLink =
    errors['template.linkTemplate'] === undefined
      ? incidentLink(form.template.linkTemplate.trim(), {
          ui: props.uiUrl || 'https://tenant.cyware.com/cftr/',
          apiId: '0b6f3c9e-5a1d-4c2e-8f7a-2d9e1b4c6a80',
          readableId: 'INC1001',
        })
      : undefined;
  const allLocked = TEMPLATE_FIELDS.every((path) => isLocked(props.locked, path));

  return (
    <div className="template-editor">
      <div className="field">
        <label htmlFor="template-body">Request body (JSON with placeholders)</label>
        <CodeEditor
          id="template-body"
          value={form.template.body}
          errorLine={problem?.line}
          invalid={Boolean(bodyError)}
          disabled={bodyLocked}
          describedBy={describedByIds('template-body', {
            error: Boolean(bodyError),
            locked: bodyLocked,
            hint: true,
          })}
          onChange={(value) => set('body', value)}
        />
        {bodyLocked ? <LockedNote id="template-body-locked" /> : null}
        {bodyError ? (
          <FieldError id="template-body-error" message={bodyError} />
        ) : (
          <p className="field-ok" role="status">
            Valid JSON, known placeholders only.
          </p>
        )}
        <div className="hint" id="template-body-hint">
          <p>
            A value that is exactly a placeholder (<code>"{'{{threat_intel}}'}"</code>) becomes that
            JSON value; inside longer text it is inserted as text. The body must contain{' '}
            <code>{'{{description}}'}</code> or <code>{'{{ref}}'}</code>.
          </p>
          <details>
            <summary>Placeholders</summary>
            <dl className="placeholders">
              {PLACEHOLDERS.map((name) => (
                <div key={name}>
                  <dt>
                    <code>{`{{${name}}}`}</code>
                  </dt>
                  <dd>{PLACEHOLDER_HELP[name] ?? ''}</dd>
                </div>
              ))}
            </dl>
          </details>
        </div>
      </div>
      <div className="grid-2">
        <Field
          id="template-createPath"
          label="Create path"
          hint="Relative to the Respond API URL."
          error={errors['template.createPath']}
          locked={locked('createPath')}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              spellCheck={false}
              value={form.template.createPath}
              onChange={(e) => set('createPath', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="template-linkTemplate"
          label="Incident link"
          hint={
            exampleLink === undefined
              ? '{ui} is the web UI URL; {unique_id} and {readable_id} are the incident IDs.'
              : `{ui} is the web UI URL; {unique_id} and {readable_id} are the incident IDs. Example: ${exampleLink}`
          }
          error={errors['template.linkTemplate']}
          locked={locked('linkTemplate')}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              spellCheck={false}
              value={form.template.linkTemplate}
              onChange={(e) => set('linkTemplate', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="template-defaultTlp"
          label="Default TLP"
          hint="{{tlp}} for incidents whose source has none (every web flow). Empty = null."
          locked={locked('defaultTlp')}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              spellCheck={false}
              maxLength={40}
              value={form.template.defaultTlp}
              onChange={(e) => set('defaultTlp', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="template-apiIdPaths"
          label="API ID paths in the response"
          hint="Dotted paths, tried in order; separate with commas or lines."
          error={errors['template.apiIdPaths']}
          locked={locked('apiIdPaths')}
        >
          {(control) => (
            <textarea
              {...control}
              rows={2}
              spellCheck={false}
              value={form.template.apiIdPaths}
              onChange={(e) => set('apiIdPaths', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="template-readableIdPaths"
          label="Readable ID paths in the response"
          hint="Dotted paths, tried in order; separate with commas or lines."
          error={errors['template.readableIdPaths']}
          locked={locked('readableIdPaths')}
        >
          {(control) => (
            <textarea
              {...control}
              rows={2}
              spellCheck={false}
              value={form.template.readableIdPaths}
              onChange={(e) => set('readableIdPaths', e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={allLocked}
          onClick={() => {
            const d = defaultTemplate();
            props.update((f) => ({
              ...f,
              template: {
                createPath: locked('createPath') ? f.template.createPath : d.createPath,
                body: bodyLocked ? f.template.body : d.body,
                apiIdPaths: locked('apiIdPaths') ? f.template.apiIdPaths : d.apiIdPaths.join(', '),
                readableIdPaths: locked('readableIdPaths')
                  ? f.template.readableIdPaths
                  : d.readableIdPaths.join(', '),
                linkTemplate: locked('linkTemplate') ? f.template.linkTemplate : d.linkTemplate,
                defaultTlp: locked('defaultTlp') ? f.template.defaultTlp : d.defaultTlp,
              },
            }));
          }}
        >
          Reset template to default
        </button>
      </div>
      <TemplatePreview template={templateForPreview(form, errors)} revision={props.revision} />
    </div>
  );
}
