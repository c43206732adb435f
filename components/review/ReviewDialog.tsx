import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ReviewEvent } from '../../utils/review/review-channel';
import {
  canSubmit,
  duplicatesOfDraft,
  groupsOf,
  screenOf,
  selectedIocs,
  type ReviewState,
} from '../../utils/review/review-state';
import type { DuplicateMatch } from '../../utils/model/incident';
import { useMessenger } from '../shared/messenger-context';
import { copyText } from './copy-text';
import { trapTab } from './focus-trap';
import { IocList } from './IocList';
import { NodePicker } from './NodePicker';
import { plural, safeHref, SOURCE_WORDS } from './labels';
import { useReview } from './use-review';
import { useVisibilityGate } from './use-visibility-gate';

/**
 * The review dialog every flow ends in: the extension's review page, framed over a web page
 * (variant "overlay") or in its own window ("window"). Everything it shows that came from a
 * page or an API is a React text node or an attribute value: never HTML.
 */
export interface ReviewDialogProps {
  variant: 'overlay' | 'window';
  reviewId: string;
  /** The review's channel from the worker (utils/review/review-channel.ts). */
  subscribe: (listener: (event: ReviewEvent) => void) => () => void;
  onClose: () => void;
  /**
   * Framed over a page: Create works only while the dialog is really visible (clickjacking;
   * utils/review/visibility-gate.ts).
   */
  guardVisibility?: boolean;
  /** How long to wait for the draft before giving up (tests shorten it). */
  draftWaitMs?: number;
  /** Opens the extension's options (where a blocked create is fixed). */
  onOpenOptions?: () => void;
}

const DEFAULT_LABEL = 'Create CFTR Incident';

function DuplicateWarning({ matches }: { matches: DuplicateMatch[] }) {
  // One line per earlier incident, listing which of this draft's IOCs it already has.
  const byIncident = new Map<
    string,
    { readableId?: string; link?: string; title: string; keys: string[] }
  >();
  for (const match of matches) {
    for (const incident of match.incidents) {
      const entry = byIncident.get(incident.id) ?? {
        title: incident.title,
        keys: [],
        ...(incident.readableId === undefined ? {} : { readableId: incident.readableId }),
        ...(incident.link === undefined ? {} : { link: incident.link }),
      };
      entry.keys.push(match.key);
      byIncident.set(incident.id, entry);
    }
  }
  const all = [...byIncident.entries()];
  const entries = all.slice(0, 3);
  return (
    <div className="callout callout-warn duplicate-warning" role="note">
      <strong>Already reported.</strong> Some of these IOCs are in incidents you created before:
      <ul>
        {entries.map(([id, entry]) => {
          const href = safeHref(entry.link);
          const name = entry.readableId ?? 'Pending incident';
          return (
            <li key={id}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer" className="readable-id">
                  {name}
                </a>
              ) : (
                <span className="readable-id">{name}</span>
              )}{' '}
              <span className="muted">“{entry.title}”</span> — {plural(entry.keys.length, 'IOC')}:{' '}
              <span className="mono">{entry.keys.slice(0, 3).join(', ')}</span>
              {entry.keys.length > 3 ? ' …' : ''}
            </li>
          );
        })}
        {all.length > entries.length && (
          <li className="more muted">and {plural(all.length - entries.length, 'more incident')}</li>
        )}
      </ul>
    </div>
  );
}

function Outcome({ state, root }: { state: ReviewState; root: () => Node | null }) {
  const [copied, setCopied] = useState(false);
  const screen = screenOf(state);
  if (screen === 'creating') {
    const queuedFor = state.item?.state === 'queued' && state.item.attempts === 0;
    return (
      <div className="outcome outcome-progress" role="status" aria-live="polite">
        <span className="progress-bar" aria-hidden="true">
          <span />
        </span>
        {queuedFor || !state.item ? 'Creating the incident in Respond…' : 'Sending to Respond…'}
      </div>
    );
  }
  if (screen === 'done' && state.item) {
    const { readableId, link } = state.item;
    const href = safeHref(link);
    const name = readableId ?? state.item.apiId ?? 'the incident';
    return (
      <div className="outcome outcome-done" role="status" aria-live="polite">
        <span>
          Created{' '}
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer" className="readable-id">
              {name}
            </a>
          ) : (
            <span className="readable-id">{name}</span>
          )}
        </span>
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            void copyText(name, root()).then((ok) => setCopied(ok));
          }}
        >
          {copied ? 'Copied' : 'Copy ID'}
        </button>
      </div>
    );
  }
  if (screen === 'error' && state.error) {
    return (
      <div className="outcome outcome-error" role="alert">
        <span className="error-text">{state.error.message}</span>
        {state.item?.error?.detail && (
          <details className="error-detail">
            <summary>What Respond answered</summary>
            <pre>{state.item.error.detail}</pre>
          </details>
        )}
        {state.error.retrying && (
          <span className="retrying">
            Queued, will retry automatically — you can close this dialog.
          </span>
        )}
        {!state.error.retrying && !state.error.canRetry && state.item && (
          <span className="retrying">Not created. Retry it from the extension’s popup.</span>
        )}
      </div>
    );
  }
  return null;
}

export function ReviewDialog(props: ReviewDialogProps) {
  const messenger = useMessenger();
  const { state, dispatch, submit, close, choice, picking, pick } = useReview({
    messenger,
    reviewId: props.reviewId,
    subscribe: props.subscribe,
    ...(props.draftWaitMs === undefined ? {} : { draftWaitMs: props.draftWaitMs }),
    onClose: props.onClose,
  });
  // The footer, not the button: a disabled button is faded, and v2 counts fading as hidden.
  const footRef = useRef<HTMLElement>(null);
  const seen = useVisibilityGate(props.guardVisibility === true ? footRef : null, state.draft);
  const guardedSubmit = () => {
    if (seen) submit();
  };
  const dialogRef = useRef<HTMLDivElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const ids = useId();
  const headingId = `${ids}-heading`;
  const screen = screenOf(state);
  const draft = state.draft;
  const editable =
    screen === 'review' ||
    screen === 'enriched' ||
    screen === 'duplicate' ||
    (screen === 'error' && state.error?.canRetry === true);

  // First focus: the close button while loading, then the title (Enter there creates), with
  // the caret at its start so a long title shows its beginning.
  useEffect(() => {
    const title = titleRef.current;
    if (draft && title) {
      title.focus({ preventScroll: true });
      title.setSelectionRange(0, 0);
      title.scrollLeft = 0;
    } else if (!choice) {
      // The node picker focuses its own search box; once it goes, focus is back on Close.
      closeRef.current?.focus({ preventScroll: true });
    }
  }, [draft, choice]);

  const groups = useMemo(() => groupsOf(state), [state]);
  const duplicates = useMemo(() => duplicatesOfDraft(state), [state]);
  const duplicateByValue = useMemo(
    () => new Map(duplicates.map((m) => [m.key.toLowerCase(), m] as const)),
    [duplicates],
  );
  const selectedCount = selectedIocs(state).length;
  const total = draft?.iocs.length ?? 0;
  const mappedTotal = groups
    .filter((g) => g.respondField !== null)
    .reduce((n, g) => n + g.iocs.length, 0);
  const label = draft?.actionLabel ?? DEFAULT_LABEL;
  const sendingNow = screen === 'creating';
  const finished = screen === 'done' || (screen === 'error' && !state.error?.canRetry);
  // Once sent, closing does not cancel anything: the outbox keeps the incident.
  const submitted = sendingNow || finished || state.item !== null;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    if (dialogRef.current && trapTab(event, dialogRef.current)) return;
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      const target = event.target as HTMLElement;
      const tag = target.tagName;
      // Enter in the description is a new line (Ctrl/⌘+Enter still creates); on a button or
      // link it activates that control.
      if (tag === 'BUTTON' || tag === 'A') return;
      if (tag === 'TEXTAREA' && !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      guardedSubmit();
    }
  }

  return (
    <div className={`cftr-review cftr-review-${props.variant}`}>
      {props.variant === 'overlay' && <div className="backdrop" aria-hidden="true" />}
      <div
        ref={dialogRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        // Not busy while the node picker waits for the analyst's choice.
        aria-busy={(screen === 'loading' && !choice) || sendingNow}
        data-state={screen === 'loading' && choice ? 'choose' : screen}
        onKeyDown={onKeyDown}
      >
        <header className="dialog-head">
          <div>
            <h2 id={headingId}>{label}</h2>
            {draft && (
              <p className="source muted" title={draft.source.url}>
                From {SOURCE_WORDS[draft.source.kind] ?? draft.source.kind} on{' '}
                {draft.source.host || draft.source.url || 'this page'}
              </p>
            )}
          </div>
          <button
            ref={closeRef}
            type="button"
            className="icon-button"
            aria-label="Close"
            onClick={close}
          >
            ×
          </button>
        </header>

        {screen === 'loading' && choice && (
          <NodePicker
            choice={choice}
            onContinue={pick}
            onCancel={close}
            busy={picking.busy}
            error={picking.error}
          />
        )}

        {screen === 'loading' && !choice && (
          <div className="loading" role="status" aria-live="polite">
            <span className="spinner" aria-hidden="true" />
            <span className="loading-text">{state.loadingText}</span>
          </div>
        )}

        {!draft && screen === 'error' && state.error && (
          <div className="dialog-body">
            <div className="outcome outcome-error" role="alert">
              <span className="error-text">{state.error.message}</span>
            </div>
          </div>
        )}

        {draft && (
          <form
            className="dialog-body"
            onSubmit={(event) => {
              event.preventDefault();
              guardedSubmit();
            }}
          >
            <label className="field">
              <span className="field-label">Title</span>
              <input
                ref={titleRef}
                type="text"
                value={state.title}
                maxLength={255}
                required
                readOnly={!editable}
                onChange={(e) => dispatch({ type: 'edit', field: 'title', value: e.target.value })}
              />
            </label>
            <label className="field">
              <span className="field-label">Description</span>
              <textarea
                value={state.description}
                rows={5}
                readOnly={!editable}
                onChange={(e) =>
                  dispatch({ type: 'edit', field: 'description', value: e.target.value })
                }
              />
            </label>

            {state.blocked && (
              <div className="callout callout-error blocked-note" role="alert">
                {state.blocked}{' '}
                {props.onOpenOptions && (
                  <button type="button" className="link-button" onClick={props.onOpenOptions}>
                    Open the options
                  </button>
                )}
              </div>
            )}
            {draft.notice && <p className="callout callout-info">{draft.notice}</p>}
            {state.uncheckedByVerdict.size > 0 && (
              <div className="callout callout-warn verdict-note" role="status">
                {plural(state.uncheckedByVerdict.size, 'IOC')} unchecked: Intel Exchange marks{' '}
                {state.uncheckedByVerdict.size === 1 ? 'it' : 'them'} allow-listed or false
                positive.{' '}
                <button
                  type="button"
                  className="link-button"
                  disabled={!editable}
                  onClick={() => dispatch({ type: 'recheckFlagged' })}
                >
                  Check {state.uncheckedByVerdict.size === 1 ? 'it' : 'them'} again
                </button>
              </div>
            )}
            {duplicates.length > 0 && <DuplicateWarning matches={duplicates} />}

            <div className="iocs-head">
              <h3>
                IOCs{' '}
                <span className="count">
                  {selectedCount} of {total} selected
                  {total > mappedTotal && (
                    <span className="unmapped-count">
                      {' '}
                      · {total - mappedTotal} not mapped in Respond, so not sent
                    </span>
                  )}
                </span>
              </h3>
              {mappedTotal > 0 && (
                <span className="group-actions">
                  <button
                    type="button"
                    className="link-button"
                    disabled={!editable}
                    onClick={() => dispatch({ type: 'selectAll', checked: true })}
                  >
                    Select all
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    disabled={!editable}
                    onClick={() => dispatch({ type: 'selectAll', checked: false })}
                  >
                    Select none
                  </button>
                </span>
              )}
            </div>
            {draft.canEnrich && state.enrichment.status === 'pending' && (
              <p className="muted small" role="status">
                Looking up IOCs in Intel Exchange…
              </p>
            )}
            {state.enrichment.status === 'failed' && (
              <p className="muted small" role="status">
                Intel Exchange lookup unavailable: {state.enrichment.error}
              </p>
            )}
            {total === 0 ? (
              <p className="muted empty">No IOCs found. You can still create the incident.</p>
            ) : (
              <IocList
                groups={groups}
                selected={state.selected}
                enrichment={state.enrichment}
                duplicates={duplicateByValue}
                editable={editable}
                dispatch={dispatch}
              />
            )}

            <footer className="dialog-foot" ref={footRef}>
              <Outcome state={state} root={() => dialogRef.current?.getRootNode() ?? null} />
              <div className="buttons">
                <button type="button" className="secondary" onClick={close}>
                  {submitted ? 'Close' : 'Cancel'}
                </button>
                {!finished && (
                  <button
                    type="submit"
                    className="primary"
                    disabled={!canSubmit(state) || sendingNow || !seen}
                    data-visibility={seen ? 'seen' : 'hidden'}
                    title={seen ? undefined : 'Paused while the dialog is covered or hidden'}
                  >
                    {sendingNow ? 'Creating…' : label}
                  </button>
                )}
              </div>
            </footer>
          </form>
        )}
      </div>
    </div>
  );
}
