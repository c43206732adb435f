import { useEffect, useState } from 'react';
import type { TemplatePreview as Preview } from '../../utils/model/views';
import type { IncidentTemplate } from '../../utils/settings/schema';
import { useMessenger } from '../shared/messenger-context';

const DEBOUNCE_MS = 300;

type State =
  { kind: 'idle' } | { kind: 'ready'; preview: Preview } | { kind: 'error'; message: string };

/**
 * The exact create request for the sample incident, built by the background with the same code
 * that sends real ones (template.preview). Shown only for a template that validates.
 */
export function TemplatePreview(props: {
  template: IncidentTemplate | null;
  /** Changes when saved settings change: the preview uses the saved URL and mapping. */
  revision: number;
}) {
  const request = useMessenger();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const key = props.template === null ? null : JSON.stringify(props.template);

  useEffect(() => {
    if (key === null) return undefined;
    let live = true;
    const timer = setTimeout(() => {
      request('template.preview', { template: JSON.parse(key) as IncidentTemplate })
        .then((result) => {
          if (!live) return;
          setState(
            result.ok
              ? { kind: 'ready', preview: result.preview }
              : {
                  kind: 'error',
                  message: `${result.line === undefined ? '' : `Line ${result.line}: `}${result.error}`,
                },
          );
        })
        .catch((error: unknown) => {
          if (live)
            setState({
              kind: 'error',
              message: error instanceof Error ? error.message : String(error),
            });
        });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `revision` is a refetch trigger (saved settings changed); the effect does not read it.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [key, props.revision, request]);

  return (
    <section className="template-preview" aria-labelledby="template-preview-title">
      <h3 id="template-preview-title">Request preview for a sample incident</h3>
      <p className="hint">
        The exact request a create would send for a sample phishing incident (six IOCs and one
        malware object), with the saved Respond URL, access ID and field mapping. The signature is
        masked.
      </p>
      {key === null ? (
        <p className="tone-warn">Fix the template fields above to see the preview.</p>
      ) : state.kind === 'error' ? (
        <p className="tone-error" role="status">
          {state.message}
        </p>
      ) : state.kind === 'ready' ? (
        <div className="http-request">
          <p className="request-line">
            <code id="template-preview-method">{state.preview.method}</code>{' '}
            <code id="template-preview-url">{state.preview.url}</code>
          </p>
          <dl className="request-headers">
            {Object.entries(state.preview.headers).map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>
                  <code>{value}</code>
                </dd>
              </div>
            ))}
          </dl>
          <pre
            id="template-preview-body"
            className="request-body"
            tabIndex={0}
            aria-label="Request body"
          >
            {state.preview.body}
          </pre>
        </div>
      ) : (
        <p className="hint">Building the preview…</p>
      )}
    </section>
  );
}
