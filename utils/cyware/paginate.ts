import * as z from 'zod/mini';
import { isNotFound } from './errors';
import type { CallOptions, Http, SignedRequest } from './http';
import type { QueryParams } from './request-url';

/**
 * Listings (cyware-api.md §3): `page` from 1 and a constant `page_size`, each page a separately
 * signed request. `next` is never followed: it is a relative URL that repeats the old signature.
 */

export interface PageOptions extends CallOptions {
  pageSize?: number;
  /** Guard against a server that never runs out (or ignores `page`). */
  maxPages?: number;
}

export interface Paged<T> {
  results: T[];
  /** The server's total, when it gave one. */
  total: number | null;
  pages: number;
  /** True when maxPages stopped us before the results ran out. */
  truncated: boolean;
}

export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_MAX_PAGES = 20;

export function pageEnvelope<T extends z.ZodMiniType>(item: T) {
  return z.looseObject({
    next: z.nullish(z.string()),
    previous: z.nullish(z.string()),
    page_size: z.nullish(z.number()),
    total: z.nullish(z.number()),
    // Django REST Framework's default spelling, in case a tenant answers with it.
    count: z.nullish(z.number()),
    results: z.array(item),
  });
}

export interface PagedRequest<T extends z.ZodMiniType> extends Omit<
  SignedRequest<unknown>,
  'schema' | 'query'
> {
  query?: QueryParams;
  item: T;
}

export async function collectPages<T extends z.ZodMiniType>(
  http: Http,
  req: PagedRequest<T>,
  options: PageOptions = {},
): Promise<Paged<z.infer<T>>> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);
  const schema = pageEnvelope(req.item);
  const { item: _item, ...base } = req;
  const results: z.infer<T>[] = [];
  let total: number | null = null;
  for (let page = 1; ; page += 1) {
    let data: z.infer<typeof schema>;
    try {
      ({ data } = await http.request({
        ...base,
        schema,
        query: { ...req.query, page, page_size: pageSize },
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
      }));
    } catch (error) {
      // Django REST framework answers a page past the end with 404 "Invalid page.": after a
      // full last page without a total, that is the end of the listing, not a failure.
      if (page > 1 && isNotFound(error))
        return { results, total, pages: page - 1, truncated: false };
      throw error;
    }
    total = data.total ?? data.count ?? null;
    const items = data.results as z.infer<T>[];
    results.push(...items);
    // Without a total, a short page is the last one. With one, count what we hold, not
    // page × page_size: a server that caps page_size below ours would otherwise end early.
    const done =
      items.length === 0 || (total === null ? items.length < pageSize : results.length >= total);
    if (done) return { results, total, pages: page, truncated: false };
    if (page >= maxPages) return { results, total, pages: page, truncated: true };
  }
}
