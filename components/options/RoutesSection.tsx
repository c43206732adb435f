import { useState } from 'react';
import { ROUTE_LABELS } from '../../utils/options/labels';
import type { OptionsForm } from '../../utils/options/form';
import { isLocked } from '../../utils/options/locked';
import type { FieldErrors } from '../../utils/options/validate';
import { matchRoute, ROUTE_KINDS, type RouteKind } from '../../utils/routes/match';
import { defaultRoutes } from '../../utils/settings/defaults';
import { Field } from './Field';

function testerResult(url: string, routes: OptionsForm['routes'], ctixBase: string): string {
  if (url.trim() === '') return 'Paste an Intel Exchange page URL to see which page kind it is.';
  let origin: string | undefined;
  try {
    origin = ctixBase === '' ? undefined : new URL(ctixBase).origin;
  } catch {
    origin = undefined;
  }
  const match = matchRoute(url, routes, origin);
  if (match !== null) {
    const ids = [
      ...(match.params.type === undefined ? [] : [`type "${match.params.type}"`]),
      ...(match.params.id === undefined ? [] : [`ID "${match.params.id}"`]),
    ];
    return `${ROUTE_LABELS[match.kind]}${ids.length > 0 ? `: ${ids.join(', ')}` : ''}.`;
  }
  if (origin !== undefined && matchRoute(url, routes) !== null) {
    return `No match: this URL is not on your Intel Exchange origin (${origin}).`;
  }
  return 'No match: this URL is none of the four page kinds.';
}

/** The four CTIX page routes (advanced, collapsed) and a tester for them. */
export function RoutesSection(props: {
  form: OptionsForm;
  errors: FieldErrors;
  locked: readonly string[];
  /** Saved Intel Exchange base: the tester only matches its origin. */
  ctixBase: string;
  update: (fn: (f: OptionsForm) => OptionsForm) => void;
}) {
  const { form, errors } = props;
  const hasError = ROUTE_KINDS.some((k) => errors[`routes.${k}`] !== undefined);
  const [userOpen, setUserOpen] = useState(false);
  const [testUrl, setTestUrl] = useState('');
  // An invalid route must stay visible (and focusable) until it is fixed.
  const open = userOpen || hasError;
  const set = (kind: RouteKind, value: string) =>
    props.update((f) => ({ ...f, routes: { ...f.routes, [kind]: value } }));
  const anyEditable = ROUTE_KINDS.some((k) => !isLocked(props.locked, `routes.${k}`));

  return (
    <details className="routes" open={open} onToggle={(e) => setUserOpen(e.currentTarget.open)}>
      <summary>
        <span className="summary-title">Page routes</span>{' '}
        <span className="summary-note">(advanced)</span>
      </summary>
      <p className="hint">
        URL paths of Intel Exchange pages, used to add the action to them. Change them only if your
        tenant's pages live elsewhere. <code>{'{type}'}</code> is the object type and{' '}
        <code>{'{id}'}</code> the object, bulletin or investigation ID.
      </p>
      <div className="grid-2">
        {ROUTE_KINDS.map((kind) => (
          <Field
            key={kind}
            id={`routes-${kind}`}
            label={ROUTE_LABELS[kind]}
            error={errors[`routes.${kind}`]}
            locked={isLocked(props.locked, `routes.${kind}`)}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                spellCheck={false}
                value={form.routes[kind]}
                onChange={(e) => set(kind, e.currentTarget.value)}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={!anyEditable}
          onClick={() =>
            props.update((f) => {
              const d = defaultRoutes();
              const routes = { ...f.routes };
              for (const k of ROUTE_KINDS)
                if (!isLocked(props.locked, `routes.${k}`)) routes[k] = d[k];
              return { ...f, routes };
            })
          }
        >
          Restore default routes
        </button>
      </div>
      <div className="route-tester">
        <Field id="routes-tester" label="Test a URL">
          {(control) => (
            <input
              {...control}
              aria-describedby="routes-tester-result"
              type="url"
              spellCheck={false}
              placeholder="https://tenant.cyware.com/ctix/threatdata/indicator/…"
              value={testUrl}
              onChange={(e) => setTestUrl(e.currentTarget.value)}
            />
          )}
        </Field>
        <p id="routes-tester-result" className="tester-result" role="status">
          {testerResult(testUrl, form.routes, props.ctixBase)}
        </p>
      </div>
    </details>
  );
}
