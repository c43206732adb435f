import type { HistoryItem } from '../model/incident';

/** Rows fetched per page: enough to fill the popup twice, cheap to render (bench: ≤ 150 ms). */
export const PAGE_SIZE = 50;
/** history.list's largest `limit` (see the contract). */
export const MAX_LIMIT = 500;

export interface Range {
  offset: number;
  limit: number;
}

/**
 * The requests that re-read the first `count` rows after a change, so a refresh keeps what the
 * user already scrolled to. Never less than one page; at most MAX_LIMIT per request.
 */
export function refreshRanges(count: number, pageSize = PAGE_SIZE, maxLimit = MAX_LIMIT): Range[] {
  const wanted = Math.max(pageSize, count);
  const ranges: Range[] = [];
  for (let offset = 0; offset < wanted; offset += maxLimit) {
    ranges.push({ offset, limit: Math.min(maxLimit, wanted - offset) });
  }
  return ranges;
}

/**
 * Append a later page. Offsets shift when an incident is added on top between two pages, so the
 * next page can repeat the last rows: keep the first copy of each id.
 */
export function appendPage(
  current: readonly HistoryItem[],
  page: readonly HistoryItem[],
): HistoryItem[] {
  const seen = new Set(current.map((i) => i.id));
  return [...current, ...page.filter((i) => !seen.has(i.id))];
}

/** Whether a "load more" makes sense: the list shows fewer rows than the history holds. */
export function hasMore(loaded: number, total: number): boolean {
  return loaded < total;
}
