import { memo, useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { HistoryItem } from '../../utils/model/incident';
import { MessageError } from '../../utils/messaging/client';
import { errorWords } from '../../utils/popup/error-words';
import {
  rowView,
  UNKNOWN_DISMISS_WARNING,
  UNKNOWN_RESEND_WARNING,
  type RowView,
} from '../../utils/popup/row-view';
import { useMessenger } from '../shared/messenger-context';
import { CopyIdButton } from './CopyIdButton';
import { usePopupActions } from './popup-actions';
import { SourceIcon } from './SourceIcon';

interface RowProps {
  item: HistoryItem;
  now: number;
  /** Ask the list to re-read after a retry or dismiss (the change signal also does). */
  onChanged: () => void;
}

/** The focusable part of a row: a real link once Respond has the incident, else a plain box. */
function RowMain(props: { view: RowView; children: ReactNode }) {
  const { openTab } = usePopupActions();
  const { link } = props.view;
  if (link) {
    const open = (event: MouseEvent<HTMLAnchorElement>) => {
      // The popup opens Respond in a new tab itself; a plain navigation would replace the popup.
      event.preventDefault();
      void openTab(link);
    };
    return (
      <a className="row-main" href={link} onClick={open} data-row-main="">
        {props.children}
      </a>
    );
  }
  return (
    <div className="row-main" tabIndex={0} data-row-main="">
      {props.children}
    </div>
  );
}

function RowBody({ view }: { view: RowView }) {
  return (
    <>
      <span className="row-icon" title={view.sourceKindLabel}>
        <SourceIcon name={view.sourceIcon} />
      </span>
      <span className="row-text">
        <span className="row-head">
          <span className={view.readableId ? 'row-id' : 'row-id row-id--none'}>
            {view.readableId ?? 'No ID yet'}
          </span>
          <span className="row-title" title={view.title}>
            {view.title}
          </span>
        </span>
        <span className="row-source" title={view.sourceUrl || undefined}>
          <span className="sr-only">{`${view.sourceKindLabel}: `}</span>
          {view.sourceLabel}
        </span>
        <span className="row-meta">
          <span className="row-iocs">{view.iocText}</span>
          <span aria-hidden="true"> · </span>
          <span className="row-time" title={view.timeExact}>
            {view.timeText}
          </span>
          <span aria-hidden="true"> · </span>
          <span className={`state state--${view.stateTone}`}>{view.stateText}</span>
        </span>
      </span>
    </>
  );
}

function IncidentRowImpl({ item, now, onChanged }: RowProps) {
  const request = useMessenger();
  const view = rowView(item, now);
  const [busy, setBusy] = useState<'retry' | 'dismiss' | 'resend' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  /** The confirm step before dismissing an incident that may exist in Respond. */
  const [confirming, setConfirming] = useState(false);
  /** The confirm step before sending it again without proof that Respond lacks it. */
  const [confirmingResend, setConfirmingResend] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const waitRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (confirmingResend) waitRef.current?.focus();
  }, [confirmingResend]);

  const run = (kind: 'retry' | 'dismiss' | 'resend', confirmUnknownOutcome = false) => {
    setBusy(kind);
    setActionError(null);
    setConfirming(false);
    setConfirmingResend(false);
    const done =
      kind === 'retry'
        ? request('history.retry', { id: item.id }).then(() => undefined)
        : kind === 'resend'
          ? request('outbox.resend', { id: item.id, confirmDuplicateRisk: true }).then(
              () => undefined,
            )
          : request('history.dismiss', { id: item.id, confirmUnknownOutcome }).then(
              ({ removed }) => {
                if (!removed) throw new Error('it is being sent right now');
              },
            );
    done.then(
      () => {
        setBusy(null);
        onChanged();
      },
      (error: unknown) => {
        setBusy(null);
        // A row written before the outcomeUnknown flag existed: the worker knows, so ask now.
        if (
          kind === 'dismiss' &&
          error instanceof MessageError &&
          error.message.startsWith(UNKNOWN_DISMISS_WARNING)
        ) {
          setConfirming(true);
          return;
        }
        setActionError(
          errorWords(
            error,
            kind === 'retry' ? 'Retry' : kind === 'resend' ? 'Send again' : 'Dismiss',
          ),
        );
      },
    );
  };

  return (
    <li className={`row row--${item.state}`} data-id={item.id}>
      <RowMain view={view}>
        <RowBody view={view} />
      </RowMain>
      {view.canCopy && view.readableId ? (
        <div className="row-side">
          <CopyIdButton readableId={view.readableId} />
        </div>
      ) : null}
      {view.reason ? (
        <div className={`row-reason row-reason--${view.stateTone}`}>
          <p>{view.reason}</p>
          {view.reasonDetail ? (
            <details>
              <summary>Details</summary>
              <pre>{view.reasonDetail}</pre>
            </details>
          ) : null}
        </div>
      ) : null}
      {view.canRetry || view.canDismiss || view.canResend ? (
        <div className="row-actions">
          {view.canRetry ? (
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              aria-label={`Retry “${item.title}”`}
              onClick={() => run('retry')}
            >
              {busy === 'retry' ? 'Retrying…' : 'Retry'}
            </button>
          ) : null}
          {view.canResend ? (
            <button
              type="button"
              className="button button--quiet"
              disabled={busy !== null}
              aria-label={`Send “${item.title}” again`}
              aria-expanded={confirmingResend}
              onClick={() => {
                setConfirming(false);
                setConfirmingResend(true);
              }}
            >
              {busy === 'resend' ? 'Sending…' : 'Send again'}
            </button>
          ) : null}
          {view.canDismiss ? (
            <button
              type="button"
              className="button button--quiet"
              disabled={busy !== null}
              aria-label={`Dismiss “${item.title}”`}
              aria-expanded={view.dismissNeedsConfirm ? confirming : undefined}
              onClick={() => {
                setConfirmingResend(false);
                if (view.dismissNeedsConfirm) setConfirming(true);
                else run('dismiss');
              }}
            >
              Dismiss
            </button>
          ) : null}
          {confirming ? (
            <div className="row-confirm" role="group" aria-label="Confirm dismiss">
              <p>{UNKNOWN_DISMISS_WARNING}</p>
              <div className="row-confirm-buttons">
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={() => run('dismiss', true)}
                >
                  Dismiss anyway
                </button>
                <button
                  ref={keepRef}
                  type="button"
                  className="button"
                  onClick={() => setConfirming(false)}
                >
                  Keep it
                </button>
              </div>
            </div>
          ) : null}
          {confirmingResend ? (
            <div className="row-confirm" role="group" aria-label="Confirm send again">
              <p>{UNKNOWN_RESEND_WARNING}</p>
              <div className="row-confirm-buttons">
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={() => run('resend')}
                >
                  Send again anyway
                </button>
                <button
                  ref={waitRef}
                  type="button"
                  className="button"
                  onClick={() => setConfirmingResend(false)}
                >
                  Keep checking
                </button>
              </div>
            </div>
          ) : null}
          {actionError ? (
            <p className="row-action-error" role="alert">
              {actionError}
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** Rows re-render only when their item or the clock changes, not on every list update. */
export const IncidentRow = memo(IncidentRowImpl);
