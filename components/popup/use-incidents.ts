import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryItem } from '../../utils/model/incident';
import { errorWords } from '../../utils/popup/error-words';
import { appendPage, hasMore, PAGE_SIZE, refreshRanges } from '../../utils/popup/paging';
import { useMessenger } from '../shared/messenger-context';

export interface IncidentsState {
  items: HistoryItem[];
  total: number;
  /** True until the first answer for the current query. */
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
}

const INITIAL: IncidentsState = {
  items: [],
  total: 0,
  loading: true,
  loadingMore: false,
  error: null,
};

/**
 * The history as the popup shows it: newest first, PAGE_SIZE rows at a time. A new `query`
 * starts again from one page; a new `revision` (something changed in the background)
 * re-reads every row already shown, so a queued row turns into created in place.
 */
export function useIncidents(query: string, revision: number) {
  const request = useMessenger();
  const [state, setState] = useState<IncidentsState>(INITIAL);
  // Each reload bumps the generation; answers from an older one are dropped, so a slow
  // response for an old query can never overwrite a newer one.
  const generation = useRef(0);
  const shownQuery = useRef<string | null>(null);
  /** Rows read so far (offset of the next page) and the history's size, for loadMore. */
  const loaded = useRef(0);
  const total = useRef(0);
  const moreInFlight = useRef(false);

  useEffect(() => {
    const gen = ++generation.current;
    const sameQuery = shownQuery.current === query;
    const ranges = refreshRanges(sameQuery ? loaded.current : 0);
    if (!sameQuery) setState((s) => ({ ...s, loading: true, error: null }));
    void Promise.all(ranges.map((r) => request('history.list', { query, ...r }))).then(
      (pages) => {
        if (gen !== generation.current) return;
        const items = pages.flatMap((p) => p.items);
        const count = pages.at(-1)?.total ?? 0;
        shownQuery.current = query;
        loaded.current = items.length;
        total.current = count;
        setState({ items, total: count, loading: false, loadingMore: false, error: null });
      },
      (error: unknown) => {
        if (gen !== generation.current) return;
        setState((s) => ({
          ...s,
          loading: false,
          loadingMore: false,
          error: errorWords(error, 'Loading the history'),
        }));
      },
    );
    // `revision` is the refetch trigger: the effect reads nothing from it, it just runs again.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [request, query, revision]);

  const loadMore = useCallback(() => {
    if (moreInFlight.current || !hasMore(loaded.current, total.current)) return;
    const gen = generation.current;
    moreInFlight.current = true;
    setState((s) => ({ ...s, loadingMore: true }));
    request('history.list', { query, offset: loaded.current, limit: PAGE_SIZE })
      .then(
        (page) => {
          if (gen !== generation.current) return;
          setState((cur) => {
            const items = appendPage(cur.items, page.items);
            return { ...cur, items, total: page.total, loadingMore: false };
          });
          loaded.current += page.items.length;
          total.current = page.total;
        },
        (error: unknown) => {
          if (gen !== generation.current) return;
          setState((cur) => ({
            ...cur,
            loadingMore: false,
            error: errorWords(error, 'Loading more incidents'),
          }));
        },
      )
      .finally(() => {
        moreInFlight.current = false;
      });
  }, [request, query]);

  return { ...state, loadMore };
}
