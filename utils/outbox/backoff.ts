/**
 * Delay before the next attempt: exponential from `baseMs`, capped, with "equal jitter"
 * (half fixed, half random) so many queued items do not retry in lockstep yet never retry
 * at once. A server's Retry-After wins when it asks for longer.
 */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}

export function backoffDelay(
  attempt: number,
  retryAfterSec: number | undefined,
  { baseMs = 2_000, capMs = 10 * 60_000, random = Math.random }: BackoffOptions = {},
): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  const asked = retryAfterSec !== undefined && retryAfterSec >= 0 ? retryAfterSec * 1000 : 0;
  return Math.round(Math.max(jittered, Math.min(asked, 24 * 60 * 60_000)));
}
