import * as z from 'zod/mini';

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
  status: z.optional(z.int()),
  detail: z.optional(z.string()),
  /** Whether a retry later may succeed (the outbox keeps such items queued). */
  retryable: z.boolean(),
});
export type ApiErrorView = z.infer<typeof apiErrorViewSchema>;
