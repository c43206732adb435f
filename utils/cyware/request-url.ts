import { ApiError } from './errors';

export type QueryParams = Record<string, string | number | boolean | undefined>;

/**
 * base + path (+ query), the one URL builder of every request and of the template preview, so
 * the preview shows exactly what is sent. Paths are relative ("v1/incident/"); a path that
 * would leave the base (absolute URL, "../") is refused: the signed query must only ever go to
 * the configured tenant.
 */
export function buildApiUrl(base: string, path: string, query: QueryParams = {}): URL {
  let baseUrl: URL;
  try {
    baseUrl = new URL(base.endsWith('/') ? base : `${base}/`);
  } catch {
    throw new ApiError('not-configured', `The API base URL "${base}" is not a valid URL.`);
  }
  const url = new URL(path.replace(/^\/+/, ''), baseUrl);
  if (url.origin !== baseUrl.origin || !url.pathname.startsWith(baseUrl.pathname)) {
    throw new ApiError('not-configured', `The API path "${path}" points outside the API base URL.`);
  }
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

/** Headers of every request; POST adds the JSON content type. Shown as-is in the preview. */
export function requestHeaders(method: 'GET' | 'POST'): Record<string, string> {
  return method === 'POST'
    ? { accept: 'application/json', 'content-type': 'application/json' }
    : { accept: 'application/json' };
}

/**
 * One path segment from data (an object or incident id). Encoded so it cannot add segments or
 * a query; "." and ".." are refused because URL parsing would resolve them even when encoded.
 */
export function pathSegment(value: string): string {
  if (value === '' || value === '.' || value === '..' || /^%2e(%2e)?$/i.test(value)) {
    throw new ApiError('bad-request', `"${value}" is not a valid identifier.`);
  }
  return encodeURIComponent(value);
}
