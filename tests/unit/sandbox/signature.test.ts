import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sign, startSandbox } from '../../../sandbox/index';
import {
  jsonOf,
  specSign,
  startTestSandbox,
  T0_S,
  type LogEntry,
  type TestSandbox,
} from './helpers';

// Test vectors. The second one was computed with Python's
// base64.b64encode(hmac.new(key.encode('utf-8'), msg.encode('utf-8'), hashlib.sha1).digest()).
const VECTOR = { accessId: 'ak-123', secret: 's3cr3t-key', expires: 1700000020 };
const VECTOR_SIG = 'BA8Eiyc8iPECLPPYBFdfjqg5zcM=';
const UTF8 = { accessId: 'clé-accès-ü', secret: 'sëcrét-ключ', expires: 1700000020 };
const UTF8_SIG = 'hxxqa+bQPHRvGv9hI5jUWdi/yIo=';

/** Python's urllib.parse.quote_plus, which `requests` uses to encode query parameters. */
function quotePlus(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.~-]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const at = (expires: number): string =>
  `AccessID=ak-123&Expires=${expires}&Signature=${encodeURIComponent(specSign('ak-123', 's3cr3t-key', expires))}`;

describe('sign()', () => {
  it('matches the vector of cyware-api.md §1', () => {
    expect(sign(VECTOR.accessId, VECTOR.secret, VECTOR.expires)).toBe(VECTOR_SIG);
    expect(specSign(VECTOR.accessId, VECTOR.secret, VECTOR.expires)).toBe(VECTOR_SIG);
  });

  it('keys the HMAC with the UTF-8 bytes of a non-ASCII secret', () => {
    expect(sign(UTF8.accessId, UTF8.secret, UTF8.expires)).toBe(UTF8_SIG);
  });
});

describe('signature checks over HTTP', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({
      ctix: { accessId: VECTOR.accessId, secret: VECTOR.secret },
      cftr: { accessId: UTF8.accessId, secret: UTF8.secret },
    });
  });
  afterAll(() => t.sb.stop());
  afterEach(() => {
    t.sb.reset();
    t.clock.now = T0_S * 1000;
  });

  const ping = (query: string): Promise<Response> => fetch(`${t.sb.ctixBase}ping/?${query}`);
  const lastVerdict = async (): Promise<string | null> => {
    const log = await t.requests();
    return (log.at(-1) as LogEntry).signature;
  };

  it('accepts the documented vector exactly as it goes on the wire', async () => {
    const res = await ping(
      'AccessID=ak-123&Expires=1700000020&Signature=BA8Eiyc8iPECLPPYBFdfjqg5zcM%3D',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: 'pong' });
    expect(await lastVerdict()).toBe('ok');
  });

  it("accepts a request signed and encoded like Cyware's Python example (non-ASCII ID and key)", async () => {
    const q = `AccessID=${quotePlus(UTF8.accessId)}&Expires=${UTF8.expires}&Signature=${quotePlus(UTF8_SIG)}`;
    expect(q).toContain('Signature=hxxqa%2BbQPHRvGv9hI5jUWdi%2FyIo%3D');
    const res = await fetch(`${t.sb.cftrBase}test-connectivity/?${q}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'Connected' });
  });

  it('rejects a signature whose + was not URL-encoded (it arrives as a space)', async () => {
    const q = `AccessID=${quotePlus(UTF8.accessId)}&Expires=${UTF8.expires}&Signature=${UTF8_SIG}`;
    const res = await fetch(`${t.sb.cftrBase}test-connectivity/?${q}`);
    expect(res.status).toBe(401);
    expect(await lastVerdict()).toBe('bad-signature');
  });

  it('rejects a double-encoded signature', async () => {
    const twice = encodeURIComponent(encodeURIComponent(VECTOR_SIG));
    const res = await ping(`AccessID=ak-123&Expires=1700000020&Signature=${twice}`);
    expect(res.status).toBe(401);
  });

  it.each([
    ['nothing', ''],
    ['AccessID', 'Expires=1700000020&Signature=BA8Eiyc8iPECLPPYBFdfjqg5zcM%3D'],
    ['Expires', 'AccessID=ak-123&Signature=BA8Eiyc8iPECLPPYBFdfjqg5zcM%3D'],
    ['Signature', 'AccessID=ak-123&Expires=1700000020'],
    ['an empty Signature', 'AccessID=ak-123&Expires=1700000020&Signature='],
  ])('answers 401 JSON when %s is missing', async (_what, query) => {
    const res = await ping(query);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(typeof (await jsonOf(res)).detail).toBe('string');
    expect(await lastVerdict()).toBe('missing');
  });

  it('answers 401 for lower-case parameter names (the Orchestrate spelling)', async () => {
    const res = await ping(
      `access_id=ak-123&expires=1700000020&signature=${encodeURIComponent(VECTOR_SIG)}`,
    );
    expect(res.status).toBe(401);
  });

  it('answers 401 for a non-numeric Expires', async () => {
    const sig = encodeURIComponent(specSign('ak-123', 's3cr3t-key', 'soon'));
    expect((await ping(`AccessID=ak-123&Expires=soon&Signature=${sig}`)).status).toBe(401);
  });

  it('answers 401 for a wrong signature', async () => {
    const sig = encodeURIComponent(specSign('ak-123', 'wrong-secret', 1700000020));
    const res = await ping(`AccessID=ak-123&Expires=1700000020&Signature=${sig}`);
    expect(res.status).toBe(401);
    expect(await lastVerdict()).toBe('bad-signature');
  });

  it('answers 401 for an unknown AccessID, even when signed consistently', async () => {
    const sig = encodeURIComponent(specSign('ak-999', 's3cr3t-key', 1700000020));
    const res = await ping(`AccessID=ak-999&Expires=1700000020&Signature=${sig}`);
    expect(res.status).toBe(401);
    expect(await lastVerdict()).toBe('unknown-access-id');
  });

  it('keeps the two products apart: the Respond credential does not open Intel Exchange', async () => {
    const q = new URLSearchParams({
      AccessID: UTF8.accessId,
      Expires: String(UTF8.expires),
      Signature: UTF8_SIG,
    });
    expect((await ping(q.toString())).status).toBe(401);
    expect(await lastVerdict()).toBe('unknown-access-id');
    const res = await fetch(`${t.sb.cftrBase}test-connectivity/?${q.toString()}`);
    expect(res.status).toBe(200);
  });

  it('signs POST requests in the query too', async () => {
    const body = JSON.stringify({ query: 'type = "malware"' });
    const unsigned = await fetch(`${t.sb.ctixBase}ingestion/threat-data/list/`, {
      method: 'POST',
      body,
    });
    expect(unsigned.status).toBe(401);
    const signed = await t.ctix('ingestion/threat-data/list/', {
      body: { query: 'type = "malware"' },
    });
    expect(signed.status).toBe(200);
  });

  describe('Expires window (server clock pinned at 1700000000)', () => {
    it.each([
      [T0_S - 1, 403, 'expired'],
      [T0_S - 3600, 403, 'expired'],
      [T0_S, 200, 'ok'],
      [T0_S + 30, 200, 'ok'],
      [T0_S + 31, 403, 'too-far-ahead'],
      [T0_S + 86400, 403, 'too-far-ahead'],
    ])('Expires %i -> %i (%s)', async (expires, status, verdict) => {
      const res = await ping(at(expires));
      expect(res.status).toBe(status);
      if (status === 403) {
        expect(await res.json()).toEqual({ detail: 'signature expired or clock skew' });
      }
      expect(await lastVerdict()).toBe(verdict);
    });

    it('answers 401, not 403, when a stale request is also badly signed', async () => {
      const sig = encodeURIComponent(specSign('ak-123', 'nope', T0_S - 100));
      expect((await ping(`AccessID=ak-123&Expires=${T0_S - 100}&Signature=${sig}`)).status).toBe(
        401,
      );
    });
  });

  describe('paths', () => {
    it('answers 404 JSON for a path without its trailing slash, even when signed', async () => {
      const res = await fetch(
        `${t.sb.ctixBase}ping?AccessID=ak-123&Expires=1700000020&Signature=BA8Eiyc8iPECLPPYBFdfjqg5zcM%3D`,
      );
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ detail: 'Not found.' });
      const q = new URLSearchParams({
        AccessID: UTF8.accessId,
        Expires: String(UTF8.expires),
        Signature: UTF8_SIG,
      });
      expect((await fetch(`${t.sb.cftrBase}test-connectivity?${q.toString()}`)).status).toBe(404);
      expect((await t.cftr('v1/incident')).status).toBe(404);
    });

    it('resolves the path before checking the signature (unknown path, no signature: 404)', async () => {
      expect((await fetch(`${t.sb.ctixBase}no/such/thing/`)).status).toBe(404);
      expect((await fetch(`${t.sb.url}/cftrapi/v1/incident/`)).status).toBe(404);
    });

    it('answers 405 for a known path with the wrong method, after auth', async () => {
      expect((await t.ctix('ping/', { method: 'POST', body: {} })).status).toBe(405);
      const unsigned = await fetch(`${t.sb.ctixBase}ping/`, { method: 'DELETE' });
      expect(unsigned.status).toBe(401);
    });

    it('needs no signature for UI and test pages', async () => {
      expect((await fetch(`${t.sb.url}/ctix/threatdata`)).status).toBe(200);
      expect((await fetch(`${t.sb.url}/pages/plain.html`)).status).toBe(200);
      expect((await t.requests()).at(-1)?.signature).toBeNull();
    });
  });
});

describe('credentials', () => {
  const VARS = [
    'SANDBOX_CTIX_ACCESS_ID',
    'SANDBOX_CTIX_SECRET',
    'SANDBOX_CFTR_ACCESS_ID',
    'SANDBOX_CFTR_SECRET',
  ] as const;
  let saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
  });
  afterEach(() => {
    for (const v of VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
  });

  it('defaults to the documented sandbox credentials', async () => {
    for (const v of VARS) delete process.env[v];
    const sb = await startSandbox({ port: 0 });
    try {
      expect(sb.credentials).toEqual({
        ctix: { accessId: 'ctix-sandbox-access-id', secret: 'ctix-sandbox-secret' },
        cftr: { accessId: 'cftr-sandbox-access-id', secret: 'cftr-sandbox-secret' },
      });
      expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sb.ctixBase).toBe(`${sb.url}/ctixapi/`);
      expect(sb.cftrBase).toBe(`${sb.url}/cftrapi/openapi/`);
      expect(sb.contract).toBe('default');
    } finally {
      await sb.stop();
    }
  });

  it('reads them from the environment (non-ASCII too), and options win over it', async () => {
    process.env.SANDBOX_CTIX_ACCESS_ID = 'env-ctix-ïd';
    process.env.SANDBOX_CTIX_SECRET = 'env-ctix-sécret';
    process.env.SANDBOX_CFTR_ACCESS_ID = 'env-cftr-id';
    process.env.SANDBOX_CFTR_SECRET = 'env-cftr-secret';
    const sb = await startSandbox({ port: 0, cftr: { accessId: 'opt-id', secret: 'opt-secret' } });
    try {
      expect(sb.credentials.ctix).toEqual({ accessId: 'env-ctix-ïd', secret: 'env-ctix-sécret' });
      expect(sb.credentials.cftr).toEqual({ accessId: 'opt-id', secret: 'opt-secret' });
      const expires = Math.floor(Date.now() / 1000) + 20;
      const q = new URLSearchParams({
        AccessID: 'env-ctix-ïd',
        Expires: String(expires),
        Signature: specSign('env-ctix-ïd', 'env-ctix-sécret', expires),
      });
      expect((await fetch(`${sb.ctixBase}ping/?${q.toString()}`)).status).toBe(200);
    } finally {
      await sb.stop();
    }
  });
});
