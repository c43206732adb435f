import { realSleep, type Sleep } from './sleep';

/**
 * One token bucket per product, shared by every caller (lookups, overlay reads, the outbox), so
 * together they stay under the tenant's per-key limit (cyware-api.md §3) instead of each
 * discovering it through 429s.
 */
export interface TokenBucket {
  /** Resolves when a token is ours; rejects with the signal's reason if it aborts first. */
  take(signal?: AbortSignal): Promise<void>;
  setRate(perMinute: number): void;
  readonly perMinute: number;
}

export interface TokenBucketOptions {
  perMinute: number;
  /** Burst size; defaults to a tenth of the rate (1..10). */
  capacity?: number;
  now?: () => number;
  sleep?: Sleep;
}

/**
 * Why a small burst: the worst minute is capacity + perMinute calls. With the default 90/min and
 * a burst of 9, that stays under the documented example limit of 100/min.
 */
function defaultCapacity(perMinute: number): number {
  return Math.min(10, Math.max(1, Math.floor(perMinute / 10)));
}

function checkRate(perMinute: number): void {
  if (!Number.isFinite(perMinute) || perMinute <= 0) {
    throw new RangeError(`perMinute must be a positive number, got ${perMinute}`);
  }
}

export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  checkRate(options.perMinute);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const fixedCapacity = options.capacity;
  let perMinute = options.perMinute;
  let capacity = fixedCapacity ?? defaultCapacity(perMinute);
  // May go negative: each waiter reserves its token up front, which queues waiters in order
  // without polling (a waiter sleeps exactly until the refill reaches its reservation).
  let tokens = capacity;
  let refilledAt = now();

  function refill(): void {
    const at = now();
    tokens = Math.min(capacity, tokens + ((at - refilledAt) * perMinute) / 60_000);
    refilledAt = at;
  }

  return {
    get perMinute() {
      return perMinute;
    },
    async take(signal) {
      if (signal?.aborted) throw signal.reason;
      refill();
      tokens -= 1;
      if (tokens >= 0) return;
      const waitMs = Math.ceil((-tokens * 60_000) / perMinute);
      try {
        await sleep(waitMs, signal);
      } catch (error) {
        tokens += 1; // give the reservation back
        throw error;
      }
    },
    setRate(next) {
      checkRate(next);
      refill(); // tokens earned so far count at the old rate
      perMinute = next;
      capacity = fixedCapacity ?? defaultCapacity(next);
      tokens = Math.min(tokens, capacity);
    },
  };
}
