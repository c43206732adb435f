import { useCallback, useReducer, useRef, useState } from 'react';
import { useChangeSignal } from '../shared/use-change-signal';
import { CreateFromPage } from './CreateFromPage';
import { EmptyState } from './EmptyState';
import { IncidentList, moveRowFocus } from './IncidentList';
import { LockNotice } from './LockNotice';
import { usePopupActions } from './popup-actions';
import { SearchBox } from './SearchBox';
import { StatusLine } from './StatusLine';
import { UiIcon } from './UiIcon';
import { useDebouncedValue } from './use-debounced-value';
import { useIncidents } from './use-incidents';
import { useNow } from './use-now';
import { useStatus } from './use-status';

/** Typing pauses this long before the history is searched again. */
export const SEARCH_DEBOUNCE_MS = 200;

export function PopupApp() {
  const { openOptions } = usePopupActions();
  const signal = useChangeSignal();
  // Retry, dismiss and "Try again" re-read at once instead of waiting for the change signal.
  const [local, reload] = useReducer((n: number) => n + 1, 0);
  // Both counters only grow, so their sum changes whenever either does.
  const revision = signal + local;
  const now = useNow();
  const [query, setQuery] = useState('');
  const searched = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  const { status, error: statusError } = useStatus(revision);
  const list = useIncidents(searched, revision);
  const listRef = useRef<HTMLDivElement>(null);

  const openSettings = useCallback(() => void openOptions(), [openOptions]);
  const changed = useCallback(() => reload(), []);

  const needsSetup = status !== null && !status.cftr.configured;
  const firstRun = needsSetup && !list.loading && list.total === 0 && searched === '';

  let body;
  if (list.loading && list.items.length === 0) {
    body = (
      <p className="muted loading" role="status">
        Loading incidents…
      </p>
    );
  } else if (list.error && list.items.length === 0) {
    body = (
      <EmptyState kind="error" text={list.error} onOpenSettings={openSettings} onRetry={reload} />
    );
  } else if (list.items.length === 0) {
    body = (
      <EmptyState
        kind={searched ? 'no-match' : 'empty'}
        text={searched}
        onOpenSettings={openSettings}
      />
    );
  } else {
    body = (
      <IncidentList
        items={list.items}
        total={list.total}
        now={now}
        loadingMore={list.loadingMore}
        onLoadMore={list.loadMore}
        onChanged={changed}
      />
    );
  }

  return (
    <div className="popup">
      <header className="popup-header">
        <h1>CFTR Incident Bridge</h1>
        <button
          type="button"
          className="icon-button"
          aria-label="Open settings"
          title="Settings"
          onClick={openSettings}
        >
          <UiIcon name="settings" />
        </button>
      </header>
      <main className="popup-main">
        <LockNotice queued={status?.queued ?? 0} onOpenSettings={openSettings} />
        {firstRun ? (
          <EmptyState kind="setup" onOpenSettings={openSettings} />
        ) : (
          <>
            <CreateFromPage disabled={needsSetup} />
            {status ? <StatusLine status={status} now={now} onOpenSettings={openSettings} /> : null}
            {statusError ? (
              <p className="status-error" role="alert">
                {statusError}
              </p>
            ) : null}
            <SearchBox
              value={query}
              onChange={setQuery}
              onArrowDown={() => listRef.current && moveRowFocus(listRef.current, 'Home')}
            />
            <h2 className="list-heading">
              Recent incidents
              {list.total > 0 ? <span className="count">{list.total}</span> : null}
            </h2>
            {list.error && list.items.length > 0 ? (
              <p className="list-error" role="alert">
                {list.error}
              </p>
            ) : null}
            <div className="list-area" ref={listRef}>
              {body}
            </div>
          </>
        )}
      </main>
    </div>
  );
}
