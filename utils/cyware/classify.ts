import type * as z from 'zod/mini';
import type { Product } from '../settings/schema';
import { ApiError } from './errors';
import { maskSignature } from './sign';

/**
 * HTTP and network outcomes → ApiError kinds (errors.ts), with messages written for a person.
 * Every message and detail passes through `redact`, so a server or runtime that echoes the
 * request URL cannot leak the Signature into the UI or a log.
 */

export const PRODUCT_NAME: Record<Product, string> = { ctix: 'Intel Exchange', cftr: 'Respond' };

const EXPECTED_BASE: Record<Product, string> = {
  ctix: 'https://<tenant>/ctixapi/',
  cftr: 'https://<tenant>/cftrapi/openapi/',
};

export const MAX_DETAIL_CHARS = 2048;

export interface AttemptInfo {
  product: Product;
  method: string;
  /** The path relative to the base, e.g. "ping/", never the signed URL. */
  path: string;
  origin: string;
  connectionTest: boolean;
  /** The signature sent with this attempt, removed from anything we echo back. */
  signature: string;
  nowMs: number;
}

export function redact(text: string, signature: string): string {
  let out = maskSignature(text);
  if (signature !== '') {
    for (const form of new Set([signature, encodeURIComponent(signature)])) {
      out = out.split(form).join('••••');
    }
  }
  return out;
}

export function truncateDetail(text: string): string {
  return text.length <= MAX_DETAIL_CHARS ? text : `${text.slice(0, MAX_DETAIL_CHARS)}… (truncated)`;
}

/** Retry-After as seconds (delta-seconds or an HTTP-date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

type Body = { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'other' };

function parseBody(text: string): Body {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'other' };
  }
}

function looksLikeHtml(text: string, contentType: string): boolean {
  return /html/i.test(contentType) || /^\s*</.test(text);
}

function fail(
  info: AttemptInfo,
  kind: ConstructorParameters<typeof ApiError>[0],
  message: string,
  extra: { status?: number; text?: string; retryAfterSec?: number } = {},
): ApiError {
  const detail =
    extra.text === undefined || extra.text.trim() === ''
      ? undefined
      : truncateDetail(redact(extra.text, info.signature));
  return new ApiError(kind, redact(message, info.signature), {
    ...(extra.status === undefined ? {} : { status: extra.status }),
    ...(detail === undefined ? {} : { detail }),
    ...(extra.retryAfterSec === undefined ? {} : { retryAfterSec: extra.retryAfterSec }),
  });
}

export interface ReceivedResponse {
  status: number;
  /** 'opaqueredirect' when a browser fetch with redirect: 'manual' met a redirect. */
  type: string;
  headers: Headers;
  text: string;
}

/**
 * Where a refused call is fixed, in words. Respond's create path and body are the admin's
 * incident template (cyware-api.md §5), so a 400 or a 405 there is fixed in the options, not by
 * sending the same request again.
 */
function fixFor(info: AttemptInfo, status: number): string {
  if (info.product !== 'cftr' || info.method !== 'POST') return '';
  if (status === 405 || status === 404) {
    return ` The create path is wrong for this tenant: fix "Create path" under Incident template in the extension's options, then retry from the popup.`;
  }
  if (status === 400 || status === 422) {
    return ` Fix the incident template (options → Incident template) against Respond's answer below, then retry from the popup.`;
  }
  return '';
}

/** A 2xx answer's parsed and validated body; anything else throws the ApiError that says why. */
export function interpretResponse<T>(
  info: AttemptInfo,
  res: ReceivedResponse,
  schema: z.ZodMiniType<T>,
): T {
  const { status, text } = res;
  const name = PRODUCT_NAME[info.product];
  const call = `${info.method} ${info.path}`;
  const retryAfterSec = parseRetryAfter(res.headers.get('retry-after'), info.nowMs);
  if (res.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    const location = res.headers.get('location');
    throw fail(
      info,
      'blocked-by-access-proxy',
      `The tenant redirected the API call (status ${status}) instead of answering it, most likely to the sign-in page of an access proxy such as Cloudflare Access. Ask the tenant admin to exempt the Open API paths.`,
      { status, ...(location === null ? {} : { text: `Location: ${location}` }) },
    );
  }
  if (status === 401) {
    throw fail(
      info,
      'auth',
      `${name} rejected the access ID or secret key (401). Replace them under Connections in the extension's options.`,
      {
        status,
        text,
      },
    );
  }
  if (status === 429) {
    const wait = retryAfterSec === undefined ? '' : ` The server asked to wait ${retryAfterSec} s.`;
    throw fail(info, 'rate-limited', `${name} rate limit reached (429) for this API key.${wait}`, {
      status,
      text,
      ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
    });
  }
  if (status >= 500) {
    throw fail(
      info,
      'server',
      `${name} had a server error (status ${status}) on ${call}. Try again later.`,
      {
        status,
        text,
        ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
      },
    );
  }
  if (status === 404) {
    throw info.connectionTest
      ? fail(
          info,
          'wrong-base-url',
          `Not found (404) at ${info.origin}: the base URL looks wrong. Paste the URL shown with the API key, like ${EXPECTED_BASE[info.product]}`,
          { status, text },
        )
      : fail(
          info,
          'bad-request',
          `Not found (404) for ${call}: the object does not exist, or the path or base URL is wrong.`,
          { status, text },
        );
  }
  if (status === 400) {
    throw fail(
      info,
      'bad-request',
      `${name} rejected the request (400) for ${call}; its answer is shown verbatim in the details.`,
      { status, text },
    );
  }
  const body = parseBody(text);
  const ok = status >= 200 && status < 300;
  if (body.kind === 'other') {
    if (looksLikeHtml(text, res.headers.get('content-type') ?? '')) {
      throw fail(
        info,
        'blocked-by-access-proxy',
        `The tenant answered with an HTML page (status ${status}), not JSON: an access proxy such as Cloudflare Access is in front of the API. Ask the tenant admin to exempt the Open API paths.`,
        { status, text },
      );
    }
    if (ok) {
      throw fail(
        info,
        'invalid-response',
        `${name} answered ${status} with a body that is not JSON.`,
        {
          status,
          text,
        },
      );
    }
    throw fail(
      info,
      'blocked-by-access-proxy',
      `The tenant answered with something other than JSON (status ${status}): a proxy in front of the API may be refusing the call. Ask the tenant admin to exempt the Open API paths.`,
      { status, text },
    );
  }
  if (status === 403) {
    throw fail(
      info,
      'skew-or-forbidden',
      `Forbidden (403): either this computer's clock is off (requests are signed with the current time and expire within seconds) or the API key lacks permission for ${call}. Check the computer clock and the API key's permissions.`,
      { status, text },
    );
  }
  if (!ok) {
    throw fail(
      info,
      'bad-request',
      `${name} refused ${call} (status ${status}).${fixFor(info, status)}`,
      {
        status,
        text,
      },
    );
  }
  const parsed = schema.safeParse(body.kind === 'json' ? body.value : null);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'body' : issue.path.join('.');
    throw fail(
      info,
      'invalid-response',
      `${name} answered ${call} in an unexpected shape (${where}: ${issue?.message ?? 'invalid'}).`,
      { status, text },
    );
  }
  return parsed.data;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

export function timeoutError(info: AttemptInfo, timeoutMs: number): ApiError {
  return fail(
    info,
    'timeout',
    `${PRODUCT_NAME[info.product]} did not answer ${info.method} ${info.path} within ${formatDuration(timeoutMs)}.`,
  );
}

export function networkError(info: AttemptInfo, cause: unknown): ApiError {
  const parts: string[] = [];
  let current: unknown = cause;
  // undici hides the useful part ("getaddrinfo ENOTFOUND ...") in error.cause.
  for (let depth = 0; current instanceof Error && depth < 3; depth += 1) {
    parts.push(current.message);
    current = current.cause;
  }
  return fail(
    info,
    'network',
    `Could not reach ${info.origin}: DNS, TLS or network failure.`,
    // No `cause`: a runtime error may quote the signed URL, and causes get logged whole.
    { text: parts.join(': ') },
  );
}
