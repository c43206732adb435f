import { z } from 'zod';

/**
 * One error taxonomy for every Cyware call (product.md §2). The background turns HTTP and
 * network outcomes into these; pages only ever render `message`, which is written for a
 * human. `detail` carries the server's own words verbatim (truncated), e.g. a 400's field
 * errors, so an admin can fix a template against a real tenant.
 */
export const API_ERROR_KINDS = [
  'auth',
  'skew-or-forbidden',
  'blocked-by-access-proxy',
  'wrong-base-url',
  'bad-request',
  'rate-limited',
  'server',
  'network',
  'timeout',
  'invalid-response',
  'not-configured',
  'credentials-expired',
  'permission-missing',
  /** The passphrase lock is on and closed (issue 13): nothing is signed until it is unlocked. */
  'locked',
] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

export const apiErrorViewSchema = z.object({
  kind: z.enum(API_ERROR_KINDS),
  message: z.string(),
  status: z.number().int().optional(),
  detail: z.string().optional(),
  /** Whether a retry later may succeed (the outbox keeps such items queued). */
  retryable: z.boolean(),
});
export type ApiErrorView = z.infer<typeof apiErrorViewSchema>;

/** Kinds worth retrying automatically; the rest need a person to change something. */
export const RETRYABLE_KINDS: ReadonlySet<ApiErrorKind> = new Set([
  'rate-limited',
  'server',
  'network',
  'timeout',
  'invalid-response',
  'blocked-by-access-proxy',
  'locked',
]);

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly detail: string | undefined;
  /** Seconds the server asked us to wait (Retry-After), when it said. */
  readonly retryAfterSec: number | undefined;

  constructor(
    kind: ApiErrorKind,
    message: string,
    extra: { status?: number; detail?: string; retryAfterSec?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'ApiError';
    this.kind = kind;
    this.status = extra.status;
    this.detail = extra.detail;
    this.retryAfterSec = extra.retryAfterSec;
  }

  get retryable(): boolean {
    return RETRYABLE_KINDS.has(this.kind);
  }

  toView(): ApiErrorView {
    return {
      kind: this.kind,
      message: this.message,
      retryable: this.retryable,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.detail === undefined ? {} : { detail: this.detail }),
    };
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** A 404 outside the connection test (kind `bad-request`, status 404): the object or path is not there. */
export function isNotFound(value: unknown): boolean {
  return isApiError(value) && value.status === 404;
}
