import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../../utils/cyware/rate-limit';

/** A clock that only moves when the bucket sleeps; records each requested wait. */
function clock() {
  const state = { t: 0, sleeps: [] as number[] };
  return {
    state,
    now: () => state.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      state.sleeps.push(ms);
    },
  };
}

describe('createTokenBucket', () => {
  it('lets a burst of a tenth of the rate through at once, then paces', async () => {
    const c = clock();
    const bucket = createTokenBucket({ perMinute: 60, now: c.now, sleep: c.sleep });
    for (let i = 0; i < 6; i += 1) await bucket.take();
    expect(c.state.sleeps).toEqual([]);
    await bucket.take();
    expect(c.state.sleeps).toEqual([1000]);
  });

  it('queues concurrent waiters one interval apart, in order', async () => {
    const c = clock();
    const bucket = createTokenBucket({ perMinute: 60, capacity: 1, now: c.now, sleep: c.sleep });
    await bucket.take();
    await Promise.all([bucket.take(), bucket.take(), bucket.take()]);
    expect(c.state.sleeps).toEqual([1000, 2000, 3000]);
  });

  it('refills with time, never above capacity', async () => {
    const c = clock();
    const bucket = createTokenBucket({ perMinute: 60, capacity: 2, now: c.now, sleep: c.sleep });
    await bucket.take();
    await bucket.take();
    c.state.t += 10 * 60_000; // a long idle time refills only up to capacity
    await bucket.take();
    await bucket.take();
    expect(c.state.sleeps).toEqual([]);
    await bucket.take();
    expect(c.state.sleeps).toEqual([1000]);
  });

  it('gives the reservation back when a waiter aborts', async () => {
    const c = clock();
    const controller = new AbortController();
    const bucket = createTokenBucket({
      perMinute: 60,
      capacity: 1,
      now: c.now,
      sleep: async (ms, signal) => {
        c.state.sleeps.push(ms);
        controller.abort(new Error('cancelled'));
        signal?.throwIfAborted();
      },
    });
    await bucket.take();
    await expect(bucket.take(controller.signal)).rejects.toThrow('cancelled');
    // Without the refund this next waiter would be told to wait 2000 ms.
    await bucket.take().catch(() => undefined);
    expect(c.state.sleeps).toEqual([1000, 1000]);
  });

  it('rejects at once for an already aborted signal, without taking a token', async () => {
    const c = clock();
    const bucket = createTokenBucket({ perMinute: 60, capacity: 1, now: c.now, sleep: c.sleep });
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(bucket.take(controller.signal)).rejects.toThrow('gone');
    await bucket.take();
    expect(c.state.sleeps).toEqual([]);
  });

  it('setRate changes the pace for later takes', async () => {
    const c = clock();
    const bucket = createTokenBucket({ perMinute: 60, capacity: 1, now: c.now, sleep: c.sleep });
    await bucket.take();
    bucket.setRate(120);
    expect(bucket.perMinute).toBe(120);
    await bucket.take();
    expect(c.state.sleeps).toEqual([500]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => createTokenBucket({ perMinute: 0 })).toThrow(RangeError);
    const bucket = createTokenBucket({ perMinute: 10 });
    expect(() => bucket.setRate(Number.NaN)).toThrow(RangeError);
  });

  it('waits for real with the default sleep', async () => {
    const bucket = createTokenBucket({ perMinute: 60_000, capacity: 1 }); // one per ms
    const started = performance.now();
    await bucket.take();
    await bucket.take();
    await bucket.take();
    expect(performance.now() - started).toBeGreaterThanOrEqual(1);
  });
});
