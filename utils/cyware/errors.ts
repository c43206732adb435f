import type { ApiErrorKind, ApiErrorView } from '../model/api-error';

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
