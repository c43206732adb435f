/**
 * Turn whatever a user pastes (API base, API call URL, web UI URL, with or without slash) into
 * the API base the clients append paths to (cyware-api.md §2).
 */

export type BaseUrlResult =
  { ok: true; base: string; origin: string; uiUrl?: string } | { ok: false; error: string };

type ParsedUrl = { ok: true; url: URL } | { ok: false; error: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

function parsePasted(input: string, product: string): ParsedUrl {
  const text = input.trim();
  if (text === '') return { ok: false, error: `Enter the ${product} URL.` };
  // A bare host ("tenant.cyware.com/ctixapi") is common when copying from a address bar.
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, error: `"${text}" is not a valid URL.` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, error: 'Remove the user name and password from the URL.' };
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return {
      ok: false,
      error: 'Use https://. Plain http is only allowed for http://127.0.0.1 and http://localhost.',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: `Use an https:// URL, not ${url.protocol}//.` };
  }
  return { ok: true, url };
}

function segmentsOf(url: URL): string[] {
  return url.pathname.split('/').filter((s) => s !== '');
}

/** Path before the segment at `index`, e.g. a tenant behind "/proxy/ctixapi/" keeps "/proxy/". */
function prefixBefore(segments: string[], index: number): string {
  const kept = segments.slice(0, index);
  return kept.length === 0 ? '/' : `/${kept.join('/')}/`;
}

const PRODUCT_SEGMENTS = ['ctixapi', 'ctix', 'cftrapi', 'cftr'] as const;
type ProductSegment = (typeof PRODUCT_SEGMENTS)[number];

function isProductSegment(value: string): value is ProductSegment {
  return (PRODUCT_SEGMENTS as readonly string[]).includes(value);
}

/** The first API or UI root in the path decides what was pasted; later segments are page detail. */
function firstKnownSegment(
  segments: string[],
): { name: ProductSegment; index: number } | undefined {
  for (const [index, segment] of segments.entries()) {
    const name = segment.toLowerCase();
    if (isProductSegment(name)) return { name, index };
  }
  return undefined;
}

export function normaliseCtixBase(input: string): BaseUrlResult {
  const parsed = parsePasted(input, 'Intel Exchange');
  if (!parsed.ok) return parsed;
  const { url } = parsed;
  const segments = segmentsOf(url);
  const known = firstKnownSegment(segments);
  if (known?.name === 'cftrapi' || known?.name === 'cftr') {
    return { ok: false, error: 'This is a Respond URL; paste the Intel Exchange endpoint URL.' };
  }
  if (known === undefined && segments.length > 0) {
    return {
      ok: false,
      error: `Unexpected path "${url.pathname}". Paste the endpoint URL shown with the API key (https://<tenant>/ctixapi/) or an Intel Exchange page URL (https://<tenant>/ctix/...).`,
    };
  }
  const prefix = known === undefined ? '/' : prefixBefore(segments, known.index);
  // Older docs show /ctixapi/openapi/; whether v3 answers there is unknown, so keep it as pasted.
  const legacy =
    known?.name === 'ctixapi' && segments[known.index + 1]?.toLowerCase() === 'openapi';
  return {
    ok: true,
    base: `${url.origin}${prefix}${legacy ? 'ctixapi/openapi/' : 'ctixapi/'}`,
    origin: url.origin,
    uiUrl: `${url.origin}${prefix}ctix/`,
  };
}

export function normaliseRespondBase(input: string): BaseUrlResult {
  const parsed = parsePasted(input, 'Respond');
  if (!parsed.ok) return parsed;
  const { url } = parsed;
  const segments = segmentsOf(url);
  const known = firstKnownSegment(segments);
  if (known?.name === 'ctixapi' || known?.name === 'ctix') {
    return { ok: false, error: 'This is an Intel Exchange URL; paste the Respond API URL.' };
  }
  if (known === undefined && segments.length > 0) {
    return {
      ok: false,
      error: `Unexpected path "${url.pathname}". Paste the API URL from the downloaded credentials (https://<tenant>/cftrapi/openapi/) or a Respond page URL (https://<tenant>/cftr/...).`,
    };
  }
  const prefix = known === undefined ? '/' : prefixBefore(segments, known.index);
  const base = `${url.origin}${prefix}cftrapi/openapi/`;
  return { ok: true, base, origin: url.origin, uiUrl: deriveRespondUiUrl(base) };
}

/** The Respond web UI root beside the API: https://host/cftr/ (keeps a path prefix, if any). */
export function deriveRespondUiUrl(base: string): string {
  const url = new URL(base);
  const segments = segmentsOf(url);
  const known = firstKnownSegment(segments);
  const prefix = known === undefined ? '/' : prefixBefore(segments, known.index);
  return `${url.origin}${prefix}cftr/`;
}

/**
 * Match pattern for permissions.request. Chrome match patterns carry no port, and
 * `http://127.0.0.1/*` already covers every port, which is what the manifest lists.
 */
export function originPattern(base: string): string {
  const url = new URL(base);
  return `${url.protocol}//${url.hostname}/*`;
}
