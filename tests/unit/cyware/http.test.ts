import { backoffDelay } from '../../../utils/cyware/backoff';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../../../utils/cyware/errors';
import { type ApiErrorKind } from '../../../utils/model/api-error';
import {
  createHttp,
  DEFAULT_RETRY,
  type ConnectionConfig,
  type HttpDeps,
  type SignedRequest,
} from '../../../utils/cyware/http';
import {
  at,
  countingLimiter,
  CTIX_CONFIG,
  fakeClock,
  json,
  recordingFetch,
  sequence,
  spyingSigner,
  text,
  type Handler,
} from './fakes';

function setup(
  handler: Handler,
  overrides: Partial<HttpDeps> & { config?: ConnectionConfig | null } = {},
) {
  const clock = fakeClock();
  const { fetch, calls } = recordingFetch(handler);
  const limiter = countingLimiter();
  const signer = spyingSigner(clock.now);
  const config = overrides.config === undefined ? CTIX_CONFIG : overrides.config;
  const http = createHttp({
    product: 'ctix',
    getConfig: async () => config,
    fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    limiter,
    signer,
    ...overrides,
  });
  return { http, calls, clock, limiter, signer };
}

const GET: SignedRequest<unknown> = { method: 'GET', path: 'ping/', schema: z.unknown() };

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('http: the request', () => {
  it('builds base + path + query, signs it and sends a credential-less, uncached GET', async () => {
    const { http, calls } = setup(() => json(200, { result: 'pong' }));
    const res = await http.request({ ...GET, query: { q: 'a b', page: 1, skip: undefined } });
    expect(res).toMatchObject({ data: { result: 'pong' }, status: 200, attempts: 1 });
    const call = at(calls, 0);
    expect(call.url.origin + call.url.pathname).toBe('https://tenant.example.com/ctixapi/ping/');
    expect([...call.url.searchParams.keys()]).toEqual([
      'q',
      'page',
      'AccessID',
      'Expires',
      'Signature',
    ]);
    expect(call.url.searchParams.get('AccessID')).toBe('ak-123');
    expect(call.url.searchParams.get('Expires')).toBe(
      String(Math.floor(Date.UTC(2024, 5, 15, 12) / 1000) + 20),
    );
    expect(call.init).toMatchObject({ method: 'GET', credentials: 'omit', cache: 'no-store' });
    expect(call.init.body).toBeUndefined();
    expect(call.init.headers).toEqual({ accept: 'application/json' });
  });

  it('sends a POST body byte for byte with a JSON content type', async () => {
    const { http, calls } = setup(() => json(201, { ok: true }));
    const body = '{"title":"Ünïcode \\u00e9",  "n": 1.50}';
    await http.request({ method: 'POST', path: 'v1/incident/', body, schema: z.unknown() });
    expect(calls[0]?.body).toBe(body);
    expect(calls[0]?.init.headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
    });
  });

  it('refuses a path that would leave the base URL', async () => {
    const { http, calls, limiter } = setup(() => json(200, {}));
    const error = await failure(http.request({ ...GET, path: 'https://evil.example/steal/' }));
    expect(error.kind).toBe('not-configured');
    await failure(http.request({ ...GET, path: '../other/' }));
    expect(calls).toHaveLength(0);
    expect(limiter.takes).toBe(0);
  });
});

describe('http: configuration checks happen before any request', () => {
  it('a base URL that is not a URL → not-configured', async () => {
    const { http, calls, limiter } = setup(() => json(200, {}), {
      config: { ...CTIX_CONFIG, baseUrl: 'tenant without scheme' },
    });
    const error = await failure(http.request(GET));
    expect(error).toMatchObject({ kind: 'not-configured' });
    expect(error.message).toContain('not a valid URL');
    expect(calls).toHaveLength(0);
    expect(limiter.takes).toBe(0);
  });

  it.each<[string, ConnectionConfig | null]>([
    ['no config', null],
    ['no base URL', { ...CTIX_CONFIG, baseUrl: '' }],
    ['no access ID', { ...CTIX_CONFIG, accessId: '' }],
    ['no secret', { ...CTIX_CONFIG, secret: '' }],
  ])('%s → not-configured', async (_name, config) => {
    const { http, calls, limiter } = setup(() => json(200, {}), { config });
    const error = await failure(http.request(GET));
    expect(error.kind).toBe('not-configured');
    expect(error.message).toMatch(/Intel Exchange is not configured/);
    expect(calls).toHaveLength(0);
    expect(limiter.takes).toBe(0);
  });

  it('an expired key → credentials-expired and no request', async () => {
    const { http, calls, limiter } = setup(() => json(200, {}), {
      config: { ...CTIX_CONFIG, expiresOn: '2024-06-14' },
    });
    const error = await failure(http.request(GET));
    expect(error.kind).toBe('credentials-expired');
    expect(error.message).toContain('2024-06-14');
    expect(calls).toHaveLength(0);
    expect(limiter.takes).toBe(0);
  });

  it('a key that expires today still works', async () => {
    const { http, calls } = setup(() => json(200, {}), {
      config: { ...CTIX_CONFIG, expiresOn: '2024-06-15' },
    });
    await http.request(GET);
    expect(calls).toHaveLength(1);
  });
});

describe('http: classification', () => {
  const html = '<!DOCTYPE html><html><body>Cloudflare Access: sign in</body></html>';
  const cases: [
    string,
    () => Response,
    ApiErrorKind,
    RegExp | string,
    Partial<SignedRequest<unknown>>?,
  ][] = [
    [
      '401',
      () => json(401, { detail: 'bad' }),
      'auth',
      "Intel Exchange rejected the access ID or secret key (401). Replace them under Connections in the extension's options.",
    ],
    [
      '403 JSON',
      () => json(403, { detail: 'signature expired' }),
      'skew-or-forbidden',
      /clock.*permission|permission.*clock/s,
    ],
    [
      '403 HTML (Cloudflare Access)',
      () => text(403, html, 'text/html; charset=utf-8'),
      'blocked-by-access-proxy',
      'The tenant answered with an HTML page (status 403), not JSON: an access proxy such as Cloudflare Access is in front of the API. Ask the tenant admin to exempt the Open API paths.',
    ],
    [
      '200 HTML (a login page)',
      () => text(200, html, 'text/html'),
      'blocked-by-access-proxy',
      /HTML page \(status 200\)/,
    ],
    [
      '403 plain text',
      () => text(403, 'Forbidden'),
      'blocked-by-access-proxy',
      /other than JSON \(status 403\)/,
    ],
    [
      '302 to a sign-in page',
      () =>
        new Response(null, {
          status: 302,
          headers: { location: 'https://team.cloudflareaccess.com/login' },
        }),
      'blocked-by-access-proxy',
      /redirected/,
    ],
    [
      '404 on the connection test',
      () => json(404, { detail: 'Not found.' }),
      'wrong-base-url',
      /base URL/,
      { connectionTest: true },
    ],
    [
      '404 elsewhere',
      () => json(404, { detail: 'Not found.' }),
      'bad-request',
      /Not found \(404\) for GET ping\//,
    ],
    [
      '400',
      () => json(400, { title: ['This field is required.'] }),
      'bad-request',
      /rejected the request \(400\)/,
    ],
    ['402', () => json(402, { detail: 'licence' }), 'bad-request', /status 402/],
    ['405', () => json(405, { detail: 'Method "GET" not allowed.' }), 'bad-request', /status 405/],
    ['429', () => json(429, { detail: 'throttled' }), 'rate-limited', /rate limit/],
    ['500', () => text(500, 'boom'), 'server', /server error \(status 500\)/],
    [
      '503 HTML',
      () => text(503, '<html>Service Unavailable</html>', 'text/html'),
      'server',
      /status 503/,
    ],
    ['200 not JSON', () => text(200, 'pong'), 'invalid-response', /not JSON/],
  ];

  // Reordered so the title reads "<case> → <kind>".
  const titled = cases.map(([name, response, kind, message, extra]) => ({
    name,
    kind,
    response,
    message,
    extra: extra ?? {},
  }));
  it.each(titled)('$name → $kind', async ({ response, kind, message, extra }) => {
    const { http, calls } = setup(response);
    const error = await failure(http.request({ ...GET, maxAttempts: 1, ...extra }));
    expect(error.kind).toBe(kind);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(calls).toHaveLength(1);
  });

  it('400: the server field errors reach `detail` verbatim', async () => {
    const answer =
      '{"title": ["This field is required."], "level": ["\\"x\\" is not a valid choice."]}';
    const { http } = setup(() => text(400, answer, 'application/json'));
    const error = await failure(http.request({ ...GET, method: 'POST', body: '{}' }));
    expect(error).toMatchObject({ kind: 'bad-request', status: 400, detail: answer });
  });

  it('truncates a long detail to about 2 KB', async () => {
    const { http } = setup(() => text(400, 'x'.repeat(10_000)));
    const error = await failure(http.request(GET));
    expect(error.detail?.length).toBeGreaterThan(2000);
    expect(error.detail?.length).toBeLessThan(2100);
    expect(error.detail).toMatch(/truncated\)$/);
  });

  it('2xx that fails the schema → invalid-response naming the field', async () => {
    const { http } = setup(() => json(200, { results: [{ id: 7 }] }));
    const schema = z.object({ results: z.array(z.object({ id: z.string() })) });
    const error = await failure(http.request({ ...GET, schema }));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('results.0.id');
  });

  it('an empty 2xx body is validated as null', async () => {
    const { http } = setup(() => new Response(null, { status: 204 }));
    await expect(http.request({ ...GET, schema: z.null() })).resolves.toMatchObject({ data: null });
    const error = await failure(http.request({ ...GET, schema: z.object({}) }));
    expect(error.kind).toBe('invalid-response');
  });

  it('fetch TypeError → network, naming the origin and the cause', async () => {
    const { http } = setup(() => {
      throw new TypeError('fetch failed', {
        cause: new Error('getaddrinfo ENOTFOUND tenant.example.com'),
      });
    });
    const error = await failure(http.request({ ...GET, maxAttempts: 1 }));
    expect(error.kind).toBe('network');
    expect(error.message).toBe(
      'Could not reach https://tenant.example.com: DNS, TLS or network failure.',
    );
    expect(error.detail).toContain('ENOTFOUND');
  });

  it('never echoes the Signature in message or detail', async () => {
    let sentSignature = '';
    const { http } = setup((call) => {
      sentSignature = call.url.searchParams.get('Signature') ?? '';
      // A server that quotes the request back, raw and decoded.
      return json(400, { url: call.url.href, signature: sentSignature });
    });
    const error = await failure(http.request(GET));
    expect(sentSignature).not.toBe('');
    expect(error.detail).toContain('Signature=••••');
    expect(error.detail).not.toContain(sentSignature);
    expect(error.detail).not.toContain(encodeURIComponent(sentSignature));
    expect(error.message).not.toContain(sentSignature);
  });

  it('a runtime error quoting the signed URL is redacted too', async () => {
    const { http } = setup((call) => {
      throw new TypeError(`Failed to fetch ${call.url.href}`);
    });
    const error = await failure(http.request({ ...GET, maxAttempts: 1 }));
    expect(error.detail).toContain('Signature=••••');
    expect(error.detail).not.toMatch(/Signature=[^•]/);
    expect(error.cause).toBeUndefined();
  });
});

describe('http: Retry-After', () => {
  it('reads delta-seconds', async () => {
    const { http } = setup(() => json(429, {}, { 'retry-after': '7' }));
    const error = await failure(http.request({ ...GET, maxAttempts: 1 }));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterSec: 7 });
  });

  it('reads an HTTP-date relative to the clock', async () => {
    const date = new Date(Date.UTC(2024, 5, 15, 12, 0, 30)).toUTCString();
    const { http } = setup(() => json(429, {}, { 'retry-after': date }));
    const error = await failure(http.request({ ...GET, maxAttempts: 1 }));
    expect(error.retryAfterSec).toBe(30);
  });

  it('ignores an unreadable value', async () => {
    const { http } = setup(() => json(429, {}, { 'retry-after': 'soon' }));
    const error = await failure(http.request({ ...GET, maxAttempts: 1 }));
    expect(error.retryAfterSec).toBeUndefined();
  });
});

describe('http: retries', () => {
  it('retries a GET on 503 with full-jitter backoff, a token and a new signature per attempt', async () => {
    const { http, calls, clock, limiter, signer } = setup(
      sequence(
        () => text(503, 'busy'),
        () => text(503, 'busy'),
        () => json(200, { ok: 1 }),
      ),
    );
    clock.advance(600); // 600 ms into a second: the 750 ms of backoff cross into the next one
    const res = await http.request(GET);
    expect(res.attempts).toBe(3);
    expect(calls).toHaveLength(3);
    expect(limiter.takes).toBe(3);
    expect(signer.signed).toHaveLength(3);
    // random() = 0.5 → half of 500 · 2^(n-1)
    expect(clock.state.sleeps).toEqual([250, 500]);
    const expires = calls.map((c) => c.url.searchParams.get('Expires'));
    expect(expires[0]).not.toBe(expires[2]); // signed after the wait, with the later clock
  });

  it('gives up after 4 attempts by default and throws the last error', async () => {
    const { http, calls, clock } = setup(() => text(500, 'boom'));
    const error = await failure(http.request(GET));
    expect(error.kind).toBe('server');
    expect(calls).toHaveLength(4);
    expect(clock.state.sleeps).toEqual([250, 500, 1000]);
  });

  it('waits at least what Retry-After asks', async () => {
    const { http, clock } = setup(
      sequence(
        () => json(429, {}, { 'retry-after': '7' }),
        () => json(200, {}),
      ),
    );
    await http.request(GET);
    expect(clock.state.sleeps).toEqual([7000]);
  });

  it('does not sit out a Retry-After longer than a minute: the caller gets it', async () => {
    const { http, calls } = setup(() => json(429, {}, { 'retry-after': '3600' }));
    const error = await failure(http.request(GET));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterSec: 3600 });
    expect(calls).toHaveLength(1);
  });

  it('retries network failures and timeouts of a GET', async () => {
    const { http, calls } = setup(
      sequence(
        () => {
          throw new TypeError('fetch failed');
        },
        () => json(200, {}),
      ),
    );
    await expect(http.request(GET)).resolves.toMatchObject({ attempts: 2 });
    expect(calls).toHaveLength(2);
  });

  it.each<[string, () => Response]>([
    ['400', () => json(400, {})],
    ['401', () => json(401, {})],
    ['403', () => json(403, {})],
    ['404', () => json(404, {})],
    ['HTML', () => text(403, '<html></html>', 'text/html')],
    ['invalid JSON', () => text(200, 'nope')],
  ])('does not retry %s', async (_name, response) => {
    const { http, calls } = setup(response);
    await failure(http.request(GET));
    expect(calls).toHaveLength(1);
  });

  it('never retries a POST unless it is declared idempotent', async () => {
    const create = setup(() => text(503, 'busy'));
    await failure(
      create.http.request({
        method: 'POST',
        path: 'v1/incident/',
        body: '{}',
        schema: z.unknown(),
        maxAttempts: 4,
      }),
    );
    expect(create.calls).toHaveLength(1);

    const lookup = setup(
      sequence(
        () => text(503, 'busy'),
        () => json(200, { results: [] }),
      ),
    );
    await lookup.http.request({
      method: 'POST',
      path: 'x/',
      body: '{}',
      schema: z.unknown(),
      idempotent: true,
    });
    expect(lookup.calls).toHaveLength(2);
  });

  it('caps the backoff at 30 s', () => {
    const full = (random: () => number) => ({
      baseMs: DEFAULT_RETRY.baseDelayMs,
      capMs: DEFAULT_RETRY.maxDelayMs,
      random,
      jitter: 'full' as const,
    });
    expect(
      backoffDelay(
        1,
        undefined,
        full(() => 0.999),
      ),
    ).toBe(499);
    expect(
      backoffDelay(
        12,
        undefined,
        full(() => 1),
      ),
    ).toBe(30_000);
    expect(
      backoffDelay(
        3,
        undefined,
        full(() => 0),
      ),
    ).toBe(0);
    // The outbox's equal jitter never retries at once, and a Retry-After wins.
    expect(backoffDelay(3, undefined, { baseMs: 1000, random: () => 0 })).toBe(2000);
    expect(backoffDelay(1, 90, { baseMs: 1000, random: () => 1 })).toBe(90_000);
  });
});

/** A fetch that only ends when its signal aborts. */
const hang: Handler = (call) =>
  new Promise<Response>((_resolve, reject) => {
    call.init.signal?.addEventListener('abort', () => reject(call.init.signal?.reason));
  });

describe('http: timeout and cancel', () => {
  it('aborts a hanging request after timeoutMs → timeout', async () => {
    const { http, calls } = setup(hang, { timeoutMs: 20 });
    const error = await failure(http.request({ ...GET, maxAttempts: 1 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer GET ping\/ within 20 ms/);
    expect(calls).toHaveLength(1);
  });

  it('a per-call timeout wins, and a GET that times out is retried', async () => {
    const { http, calls } = setup(
      sequence(hang, () => json(200, {})),
      { timeoutMs: 60_000 },
    );
    await expect(http.request({ ...GET, timeoutMs: 20 })).resolves.toMatchObject({ attempts: 2 });
    expect(calls).toHaveLength(2);
  });

  it("the caller's abort rejects with the caller's reason and is not retried", async () => {
    const controller = new AbortController();
    const { http, calls } = setup((call) => {
      setTimeout(() => controller.abort(new DOMException('user closed', 'AbortError')), 1);
      return hang(call, 0);
    });
    const outcome = await http
      .request({ ...GET, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(DOMException);
    expect((outcome as DOMException).message).toBe('user closed');
    expect(calls).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const { http, calls } = setup(() => json(200, {}));
    const controller = new AbortController();
    controller.abort();
    await expect(http.request({ ...GET, signal: controller.signal })).rejects.toThrow();
    expect(calls).toHaveLength(0);
  });
});
