/**
 * The one backoff: exponential from `baseMs`, capped, with a jitter chosen by the caller.
 *
 * - `full` (AWS architecture blog): uniform in [0, ceiling]. For retries inside one HTTP call,
 *   where spreading many callers matters most and an immediate retry is fine.
 * - `equal`: half fixed, half random. For the outbox, so many queued items do not retry in
 *   lockstep yet never retry at once.
 *
 * A server's Retry-After wins when it asks for longer (capped at a day).
 */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
  jitter?: 'full' | 'equal';
}

const DAY_MS = 24 * 60 * 60_000;

export function backoffDelay(
  attempt: number,
  retryAfterSec: number | undefined,
  {
    baseMs = 2_000,
    capMs = 10 * 60_000,
    random = Math.random,
    jitter = 'equal',
  }: BackoffOptions = {},
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = jitter === 'full' ? random() * ceiling : ceiling / 2 + random() * (ceiling / 2);
  const asked = retryAfterSec !== undefined && retryAfterSec >= 0 ? retryAfterSec * 1000 : 0;
  return Math.floor(Math.max(jittered, Math.min(asked, DAY_MS)));
}
