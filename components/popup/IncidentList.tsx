import { useCallback, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { HistoryItem } from '../../utils/model/incident';
import { nextRowIndex } from '../../utils/popup/row-keys';
import { IncidentRow } from './IncidentRow';

/** performance.mark set when the first rows commit; bench/popup-render.bench.ts reads it. */
export const FIRST_ROWS_MARK = 'popup:first-rows';

interface Props {
  items: HistoryItem[];
  total: number;
  now: number;
  loadingMore: boolean;
  onLoadMore: () => void;
  onChanged: () => void;
}

/** Focus the row `key` moves to; returns whether it handled the key. */
export function moveRowFocus(list: HTMLElement, key: string): boolean {
  const mains = Array.from(list.querySelectorAll<HTMLElement>('[data-row-main]'));
  const active = document.activeElement;
  const current = mains.findIndex((main) => main.closest('li')?.contains(active) ?? false);
  const next = nextRowIndex(key, current, mains.length);
  const target = next === null ? undefined : mains[next];
  if (!target) return false;
  target.focus();
  target.scrollIntoView?.({ block: 'nearest' });
  return true;
}

export function IncidentList({ items, total, now, loadingMore, onLoadMore, onChanged }: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  const more = items.length < total;

  // Mark once per page load, on the commit that first has rows (before the browser paints).
  useLayoutEffect(() => {
    if (items.length > 0 && performance.getEntriesByName(FIRST_ROWS_MARK).length === 0) {
      performance.mark(FIRST_ROWS_MARK);
    }
  }, [items.length]);

  // Infinite scroll: the "Load more" button loads by itself once it scrolls into view. It stays
  // a real button for keyboards and for browsers without IntersectionObserver.
  const observeMore = useCallback(
    (button: HTMLButtonElement | null) => {
      if (!button || typeof IntersectionObserver === 'undefined') return undefined;
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) onLoadMore();
      });
      observer.observe(button);
      return () => observer.disconnect();
    },
    [onLoadMore],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (listRef.current && moveRowFocus(listRef.current, event.key)) event.preventDefault();
  };

  return (
    <div className="list-wrap">
      <ul
        className="incident-list"
        ref={listRef}
        onKeyDown={onKeyDown}
        aria-label="Recent incidents"
      >
        {items.map((item) => (
          <IncidentRow key={item.id} item={item} now={now} onChanged={onChanged} />
        ))}
      </ul>
      {more ? (
        <button
          type="button"
          ref={observeMore}
          className="button button--quiet load-more"
          disabled={loadingMore}
          onClick={onLoadMore}
        >
          {loadingMore ? 'Loading…' : `Load more (${items.length} of ${total})`}
        </button>
      ) : null}
    </div>
  );
}
