// CTIX/CFTR-style page-number pagination (cyware-api.md §3). `next`/`previous` are relative URLs
// that copy the request's query, old AccessID/Expires/Signature included, exactly like the real
// server: a client that follows them replays a stale signature and will eventually get a 403.
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  next: string | null;
  previous: string | null;
  page_size: number;
  total: number;
  results: T[];
}

export type PageOutcome<T> = { ok: true; page: Page<T> } | { ok: false; detail: string };

function pageLink(pathname: string, query: URLSearchParams, page: number): string {
  const q = new URLSearchParams(query);
  q.set('page', String(page));
  return `${pathname}?${q.toString()}`;
}

/**
 * Slice `items` for the request. An invalid or out-of-range `page` fails (the server answers 404
 * "Invalid page.", as Django REST framework does); an invalid `page_size` falls back to the
 * default and a too large one is capped, and the answer's `page_size` says what was used.
 */
export function paginate<T>(
  items: readonly T[],
  pathname: string,
  query: URLSearchParams,
): PageOutcome<T> {
  const rawSize = query.get('page_size');
  let pageSize = DEFAULT_PAGE_SIZE;
  if (rawSize !== null && /^\d+$/.test(rawSize) && Number(rawSize) > 0) {
    pageSize = Math.min(Number(rawSize), MAX_PAGE_SIZE);
  }
  const rawPage = query.get('page');
  let page = 1;
  if (rawPage !== null) {
    if (!/^\d+$/.test(rawPage) || Number(rawPage) < 1)
      return { ok: false, detail: 'Invalid page.' };
    page = Number(rawPage);
  }
  const lastPage = Math.max(1, Math.ceil(items.length / pageSize));
  if (page > lastPage) return { ok: false, detail: 'Invalid page.' };
  const start = (page - 1) * pageSize;
  return {
    ok: true,
    page: {
      next: page < lastPage ? pageLink(pathname, query, page + 1) : null,
      previous: page > 1 ? pageLink(pathname, query, page - 1) : null,
      page_size: pageSize,
      total: items.length,
      results: items.slice(start, start + pageSize),
    },
  };
}
