// Test doubles for the Cyware layer: a recording fetch, a clock whose sleep advances time, and
// a limiter that counts takes. Nothing here waits on real time.
import type { ConnectionConfig, FetchLike } from '../../../utils/cyware/http';
import type { TokenBucket } from '../../../utils/cyware/rate-limit';
import { createSigner, type Credential, type Signer } from '../../../utils/cyware/sign';

export interface RecordedCall {
  url: URL;
  method: string;
  init: RequestInit;
  body: string | undefined;
}

export type Handler = (call: RecordedCall, index: number) => Response | Promise<Response>;

export function recordingFetch(handler: Handler): { fetch: FetchLike; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (input, init) => {
    const call: RecordedCall = {
      url: new URL(input),
      method: init.method ?? 'GET',
      init,
      body: typeof init.body === 'string' ? init.body : undefined,
    };
    calls.push(call);
    return handler(call, calls.length - 1);
  };
  return { fetch, calls };
}

/** Answers handlers in turn; the last one repeats. */
export function sequence(...handlers: Handler[]): Handler {
  return (call, index) => {
    const handler = handlers[Math.min(index, handlers.length - 1)];
    if (!handler) throw new Error('sequence needs a handler');
    return handler(call, index);
  };
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function text(status: number, body: string, contentType = 'text/plain'): Response {
  return new Response(body, { status, headers: { 'content-type': contentType } });
}

/** 2024-06-15 12:00 UTC: the same calendar day in every time zone from UTC-11 to UTC+11. */
export const T0 = Date.UTC(2024, 5, 15, 12, 0, 0);

export function fakeClock(start = T0) {
  const state = { t: start, sleeps: [] as number[] };
  return {
    state,
    now: () => state.t,
    advance: (ms: number) => {
      state.t += ms;
    },
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      state.sleeps.push(ms);
      state.t += ms;
    },
  };
}

export function countingLimiter(): TokenBucket & { takes: number } {
  const limiter = {
    takes: 0,
    perMinute: 1_000_000,
    async take(signal?: AbortSignal) {
      signal?.throwIfAborted();
      limiter.takes += 1;
    },
    setRate() {},
  };
  return limiter;
}

/** A real signer whose every call is recorded, to prove each attempt and page is signed anew. */
export function spyingSigner(now: () => number): Signer & { signed: string[] } {
  const inner = createSigner({ now });
  const signed: string[] = [];
  return {
    signed,
    async sign(cred: Credential) {
      const params = await inner.sign(cred);
      signed.push(params.Signature);
      return params;
    },
    clear: () => inner.clear(),
  };
}

export const CTIX_CONFIG: ConnectionConfig = {
  baseUrl: 'https://tenant.example.com/ctixapi/',
  accessId: 'ak-123',
  secret: 's3cr3t-key',
  expiresOn: null,
};

export const CFTR_CONFIG: ConnectionConfig = {
  baseUrl: 'https://tenant.example.com/cftrapi/openapi/',
  accessId: 'cftr-ak',
  secret: 'cftr-secret',
  expiresOn: null,
};

/** items[index], failing the test when it is missing (keeps assertions free of `?.`). */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at ${index}, have ${items.length}`);
  return item;
}

/**
 * Everything a client factory takes, faked: each answer advances the clock by a second, so
 * every request (every page of a listing too) is signed at a new time.
 */
export function fakeClientDeps(handler: Handler, config: ConnectionConfig) {
  const clock = fakeClock();
  const { fetch, calls } = recordingFetch((call, index) => {
    clock.advance(1000);
    return handler(call, index);
  });
  const signer = spyingSigner(clock.now);
  const deps = {
    getConfig: async () => config,
    fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0,
    limiter: countingLimiter(),
    signer,
  };
  return { deps, calls, signer };
}
