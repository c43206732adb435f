import type * as z from 'zod/mini';
import type { Product } from '../settings/schema';
import {
  interpretResponse,
  networkError,
  PRODUCT_NAME,
  timeoutError,
  type AttemptInfo,
} from './classify';
import { ApiError, isApiError } from './errors';
import type { TokenBucket } from './rate-limit';
import { buildApiUrl, requestHeaders, type QueryParams } from './request-url';
import { originPattern } from './base-url';
import { appendSignature, createSigner, type Signer } from './sign';
import { backoffDelay } from './backoff';
import { realSleep, type Sleep } from './sleep';

/**
 * The one signed-request function of both clients (cyware-api.md §1, §3): config check, rate
 * limit, fresh signature per attempt, fetch with a timeout, classification into ApiError kinds,
 * and retries with backoff for calls that are safe to repeat.
 */

/** What the store hands the clients; the secret never leaves the background. */
export interface ConnectionConfig {
  baseUrl: string;
  accessId: string;
  secret: string;
  /** YYYY-MM-DD, the last day the key works; null = no expiry recorded. */
  expiresOn: string | null;
  /** Origin the secret is bound to; a request to any other origin is never signed with it. */
  secretOrigin?: string;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out inside a call: the error goes to the caller. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

export const DEFAULT_TIMEOUT_MS = 20_000;

export interface HttpDeps {
  product: Product;
  getConfig: () => Promise<ConnectionConfig | null>;
  limiter: TokenBucket;
  fetch?: FetchLike;
  /** Epoch milliseconds. */
  now?: () => number;
  sleep?: Sleep;
  /** [0, 1), for backoff jitter. */
  random?: () => number;
  signer?: Signer;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * Does the extension hold this host permission (a match pattern)? Asked before every
   * signed request; without it nothing is signed or sent. Omitted = not checked (tests).
   */
  hasHostPermission?: (pattern: string) => Promise<boolean>;
}

export interface SignedRequest<T> {
  method: 'GET' | 'POST';
  /** Relative to the base, with its trailing slash: "ping/", "v1/incident/". */
  path: string;
  query?: QueryParams;
  /** POST body, sent byte for byte (the template preview promises exactly these bytes). */
  body?: string;
  schema: z.ZodMiniType<T>;
  /** Safe to repeat? Default: GET yes, POST no. Lookups and searches opt in. */
  idempotent?: boolean;
  /** A 404 then means "wrong base URL" rather than "no such object". */
  connectionTest?: boolean;
  maxAttempts?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface SignedResponse<T> {
  data: T;
  status: number;
  /** Of the attempt that succeeded, from sending to the end of the body. */
  latencyMs: number;
  attempts: number;
}

export interface Http {
  readonly product: Product;
  request<T>(req: SignedRequest<T>): Promise<SignedResponse<T>>;
}

/** Options every client call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxAttempts?: number;
}

const RETRIED_KINDS = new Set(['rate-limited', 'server', 'network', 'timeout']);

const pad = (n: number): string => String(n).padStart(2, '0');

/** The user's calendar date: a key "expires on" a day as the user reads it. */
function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function createHttp(deps: HttpDeps): Http {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  const signer = deps.signer ?? createSigner({ now });
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...deps.retry };
  const name = PRODUCT_NAME[deps.product];
  // Called as a plain function, never as deps.fetch(...): a browser's fetch throws "Illegal
  // invocation" when `this` is some other object.
  const fetchImpl: FetchLike = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function loadConfig(): Promise<ConnectionConfig> {
    const config = await deps.getConfig();
    if (!config || config.baseUrl === '' || config.accessId === '' || config.secret === '') {
      throw new ApiError(
        'not-configured',
        `${name} is not configured: enter its URL, access ID and secret key on the options page.`,
      );
    }
    if (config.expiresOn !== null && config.expiresOn < localDate(now())) {
      throw new ApiError(
        'credentials-expired',
        `The ${name} API key expired on ${config.expiresOn}. Create a new key in ${name} and save it on the options page.`,
      );
    }
    return config;
  }

  async function checkHostPermission(target: URL): Promise<void> {
    if (!deps.hasHostPermission) return;
    const pattern = originPattern(target.href);
    const granted = await deps.hasHostPermission(pattern).catch(() => false);
    if (!granted) {
      throw new ApiError(
        'permission-missing',
        `The extension has no host permission for ${pattern}, so nothing was sent to ${name}. Save the settings on the options page and allow access to ${pattern}.`,
      );
    }
  }

  async function attempt<T>(
    req: SignedRequest<T>,
    config: ConnectionConfig,
    timeoutMs: number,
  ): Promise<SignedResponse<T>> {
    const url = buildApiUrl(config.baseUrl, req.path, req.query);
    // Signed after the rate-limit wait, so a queued request never leaves with a stale Expires.
    const params = await signer.sign({ accessId: config.accessId, secret: config.secret });
    appendSignature(url, params);
    const info: AttemptInfo = {
      product: deps.product,
      method: req.method,
      path: req.path,
      origin: url.origin,
      connectionTest: req.connectionTest === true,
      signature: params.Signature,
      nowMs: now(),
    };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
    }, timeoutMs);
    const onCallerAbort = (): void => controller.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const failure = (error: unknown): unknown => {
      if (timedOut) return timeoutError(info, timeoutMs);
      if (req.signal?.aborted) return req.signal.reason; // the caller's own cancel, as is
      return networkError(info, error);
    };
    const started = now();
    try {
      let res: Response;
      let text: string;
      try {
        res = await fetchImpl(url.href, {
          method: req.method,
          headers: requestHeaders(req.method),
          ...(req.method === 'POST' ? { body: req.body ?? '{}' } : {}),
          credentials: 'omit',
          cache: 'no-store',
          // A redirect here is an access proxy's sign-in page, or worse a re-sent signed
          // query to another host: surface it instead of following it.
          redirect: 'manual',
          signal: controller.signal,
        });
        text = await res.text();
      } catch (error) {
        throw failure(error);
      }
      const latencyMs = Math.max(0, now() - started);
      const data = interpretResponse(
        info,
        { status: res.status, type: res.type, headers: res.headers, text },
        req.schema,
      );
      return { data, status: res.status, latencyMs, attempts: 1 };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    product: deps.product,
    async request<T>(req: SignedRequest<T>): Promise<SignedResponse<T>> {
      req.signal?.throwIfAborted();
      const config = await loadConfig();
      // A bad base or path fails before any token is spent.
      const target = buildApiUrl(config.baseUrl, req.path, req.query);
      if (config.secretOrigin !== undefined && target.origin !== config.secretOrigin) {
        throw new ApiError(
          'not-configured',
          `The ${name} secret key was saved for ${config.secretOrigin}, not ${target.origin}: enter the secret again on the options page.`,
        );
      }
      await checkHostPermission(target);
      const idempotent = req.idempotent ?? req.method === 'GET';
      const maxAttempts = idempotent ? Math.max(1, req.maxAttempts ?? policy.maxAttempts) : 1;
      const timeoutMs = req.timeoutMs ?? deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      for (let n = 1; ; n += 1) {
        await deps.limiter.take(req.signal);
        try {
          const result = await attempt(req, config, timeoutMs);
          return { ...result, attempts: n };
        } catch (error) {
          if (!isApiError(error) || !RETRIED_KINDS.has(error.kind) || n >= maxAttempts) {
            throw error;
          }
          const askedMs = (error.retryAfterSec ?? 0) * 1000;
          if (askedMs > policy.maxRetryAfterMs) throw error;
          await sleep(
            Math.max(
              askedMs,
              backoffDelay(n, undefined, {
                baseMs: policy.baseDelayMs,
                capMs: policy.maxDelayMs,
                random,
                jitter: 'full',
              }),
            ),
            req.signal,
          );
        }
      }
    },
  };
}
