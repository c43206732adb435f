import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApiError } from '../../../utils/cyware/errors';
import { createDbOpener, type DbOpener } from '../../../utils/store/db';
import type { LockRecord } from '../../../utils/store/records';
import { DEVICE_KEY_ID, LOCK_RECORD_ID, secretAad } from '../../../utils/store/secret-keys';
import {
  createSecretLock,
  PBKDF2_ITERATIONS,
  retryDelayMs,
  SESSION_KEY,
  unwrapSecretKey,
  type SecretLockDeps,
} from '../../../utils/store/secret-lock';
import { lockRequiredByPolicy } from '../../../utils/store/policy';
import { createSecretStore } from '../../../utils/store/secrets';
import type { SessionArea } from '../../../utils/store/session-area';

const SECRET = 'cftr-secret-9d2f6b1e77';
const PASS = 'correct horse battery';
const ORIGIN = 'https://tenant.example';

/** storage.session as the worker sees it: memory that a new browser session starts empty. */
function memorySession(): SessionArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys) {
      const list = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
}

/** One worker's lock + secret store over a profile (db) and a browser session. */
function worker(getDb: DbOpener, session: SessionArea, extra: Partial<SecretLockDeps> = {}) {
  // Fewer iterations keep the suite fast; one test below checks the real default.
  const lock = createSecretLock({ getDb, session, iterations: 1000, ...extra });
  const secrets = createSecretStore(getDb, { keys: lock });
  return { lock, secrets };
}

async function lockedErrorOf(p: Promise<unknown>): Promise<ApiError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('passphrase lock', () => {
  it('is off by default: the device key encrypts, nothing asks for a passphrase', async () => {
    const db = createDbOpener();
    const { lock, secrets } = worker(db, memorySession());
    expect(await lock.state()).toMatchObject({ status: 'off', required: false });
    await secrets.set('cftr', SECRET, ORIGIN);
    expect(await secrets.get('cftr', ORIGIN)).toBe(SECRET);
    expect(await lock.isLocked()).toBe(false);
    await expect((await db()).get('keys', DEVICE_KEY_ID)).resolves.toBeInstanceOf(CryptoKey);
  });

  it('turning it on re-encrypts stored secrets under a wrapped key and deletes the device key', async () => {
    const db = createDbOpener();
    const session = memorySession();
    const { lock, secrets } = worker(db, session);
    await secrets.set('cftr', SECRET, ORIGIN);
    const before = await (await db()).get('secrets', 'cftr');
    expect(await lock.enable(PASS)).toBe(1);

    expect(await lock.state()).toMatchObject({ status: 'unlocked' });
    expect(await secrets.get('cftr', ORIGIN)).toBe(SECRET);
    const keys = await (await db()).getAll('keys');
    // No usable key of any kind is left in IndexedDB: only the wrapped record.
    expect(keys.some((k) => k instanceof CryptoKey)).toBe(false);
    expect(keys).toHaveLength(1);
    const after = await (await db()).get('secrets', 'cftr');
    expect(after?.iv).not.toEqual(before?.iv);
    // The session copy holds the key, never the passphrase.
    expect(JSON.stringify([...session.data.values()])).not.toContain(PASS);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('after a browser restart (empty session) it is locked, and the profile alone decrypts nothing', async () => {
    const db = createDbOpener();
    const first = worker(db, memorySession());
    await first.lock.enable(PASS);
    await first.secrets.set('ctix', SECRET, ORIGIN);

    const restarted = worker(db, memorySession());
    expect(await restarted.lock.state()).toMatchObject({ status: 'locked' });
    expect(await restarted.lock.isLocked()).toBe(true);
    const error = await lockedErrorOf(restarted.secrets.get('ctix', ORIGIN));
    expect(error.kind).toBe('locked');
    expect(error.message).toBe('Locked — unlock to send');
    await expect(restarted.secrets.set('cftr', 'x', ORIGIN)).rejects.toThrow(/Locked/);

    // Offline, with the profile's rows: the wrapped key opens only with the passphrase.
    const rec = (await (await db()).get('keys', LOCK_RECORD_ID)) as LockRecord;
    const row = await (await db()).get('secrets', 'ctix');
    await expect(unwrapSecretKey(crypto.subtle, rec, 'wrong passphrase')).rejects.toThrow();
    const raw = await unwrapSecretKey(crypto.subtle, rec, PASS);
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: row!.iv!, additionalData: secretAad('ctix', ORIGIN) },
      key,
      row!.ciphertext!,
    );
    expect(new TextDecoder().decode(plain)).toBe(SECRET);

    expect(await restarted.lock.unlock(PASS)).toEqual({ ok: true });
    expect(await restarted.secrets.get('ctix', ORIGIN)).toBe(SECRET);
  });

  it('a worker restart in the same browser session stays unlocked (storage.session)', async () => {
    const db = createDbOpener();
    const session = memorySession();
    const first = worker(db, session);
    await first.lock.enable(PASS);
    await first.secrets.set('cftr', SECRET, ORIGIN);
    const again = worker(db, session);
    expect(await again.lock.state()).toMatchObject({ status: 'unlocked' });
    expect(await again.secrets.get('cftr', ORIGIN)).toBe(SECRET);
  });

  it('"Lock now" forgets the key in memory and in the session', async () => {
    const db = createDbOpener();
    const session = memorySession();
    const { lock, secrets } = worker(db, session);
    await lock.enable(PASS);
    await secrets.set('cftr', SECRET, ORIGIN);
    await lock.lock();
    expect(session.data.has(SESSION_KEY)).toBe(false);
    expect(await lock.state()).toMatchObject({ status: 'locked' });
    await expect(secrets.get('cftr', ORIGIN)).rejects.toThrow(/Locked/);
  });

  it('rate limits wrong passphrases, also across restarts, and even the right one waits', async () => {
    const db = createDbOpener();
    let t = 1_000_000;
    const now = () => t;
    await worker(db, memorySession(), { now }).lock.enable(PASS);
    const { lock } = worker(db, memorySession(), { now });
    for (let i = 1; i <= 3; i++) {
      const r = await lock.unlock(`wrong ${i}`);
      expect(r).toEqual({
        ok: false,
        reason: 'wrong-passphrase',
        retryInMs: i < 3 ? 0 : 5_000,
      });
    }
    expect(await lock.unlock(PASS)).toEqual({
      ok: false,
      reason: 'rate-limited',
      retryInMs: 5_000,
    });
    // A new worker (or browser) does not reset the count: it is in IndexedDB.
    const other = worker(db, memorySession(), { now });
    t += 4_000;
    expect(await other.lock.unlock(PASS)).toMatchObject({
      reason: 'rate-limited',
      retryInMs: 1_000,
    });
    expect((await other.lock.state()).retryInMs).toBe(1_000);
    t += 1_000;
    expect(await other.lock.unlock('wrong 4')).toEqual({
      ok: false,
      reason: 'wrong-passphrase',
      retryInMs: 10_000,
    });
    t += 10_000;
    expect(await other.lock.unlock(PASS)).toEqual({ ok: true });
    // Success resets the count.
    expect(((await (await db()).get('keys', LOCK_RECORD_ID)) as LockRecord).failures).toBe(0);
    expect(retryDelayMs(40)).toBe(15 * 60_000);
  });

  it('a clock set back never makes the wait longer than the rate limit itself', async () => {
    const db = createDbOpener();
    let t = 9_000_000;
    const { lock } = worker(db, memorySession(), { now: () => t });
    await lock.enable(PASS);
    await lock.lock();
    for (let i = 0; i < 3; i++) await lock.unlock('wrong');
    t -= 24 * 3_600_000;
    expect(await lock.unlock(PASS)).toEqual({
      ok: false,
      reason: 'rate-limited',
      retryInMs: 5_000,
    });
    expect((await lock.state()).retryInMs).toBe(5_000);
    t += 5_000;
    expect(await lock.unlock(PASS)).toEqual({ ok: true });
  });

  it('parallel attempts run one at a time, so the limit cannot be raced', async () => {
    const db = createDbOpener();
    let t = 5_000_000;
    await worker(db, memorySession()).lock.enable(PASS);
    const { lock } = worker(db, memorySession(), { now: () => t });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => lock.unlock(`guess ${i}`)),
    );
    expect(results.filter((r) => !r.ok && r.reason === 'wrong-passphrase')).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.reason === 'rate-limited')).toHaveLength(3);
    t += 1;
  });

  it('changes the passphrase (the old one stops working) and keeps the secrets', async () => {
    const db = createDbOpener();
    const { lock, secrets } = worker(db, memorySession());
    await lock.enable(PASS);
    await secrets.set('cftr', SECRET, ORIGIN);
    expect(await lock.change('not it at all', 'a new passphrase')).toMatchObject({
      ok: false,
      reason: 'wrong-passphrase',
    });
    await expect(lock.change(PASS, 'short')).rejects.toThrow(/at least 8/);
    expect(await lock.change(PASS, 'a new passphrase')).toEqual({ ok: true });
    const restarted = worker(db, memorySession());
    expect(await restarted.lock.unlock(PASS)).toMatchObject({ ok: false });
    expect(await restarted.lock.unlock('a new passphrase')).toEqual({ ok: true });
    expect(await restarted.secrets.get('cftr', ORIGIN)).toBe(SECRET);
  });

  it('turning it off needs the passphrase and goes back to a device key, secrets kept', async () => {
    const db = createDbOpener();
    const session = memorySession();
    const { lock, secrets } = worker(db, session);
    await lock.enable(PASS);
    await secrets.set('cftr', SECRET, ORIGIN);
    expect(await lock.disable('wrong passphrase!')).toMatchObject({ ok: false });
    expect(await lock.state()).toMatchObject({ status: 'unlocked' });
    expect(await lock.disable(PASS)).toEqual({ ok: true });
    expect(await lock.state()).toMatchObject({ status: 'off' });
    expect(session.data.size).toBe(0);
    expect(await secrets.get('cftr', ORIGIN)).toBe(SECRET);
    const restarted = worker(db, memorySession());
    expect(await restarted.secrets.get('cftr', ORIGIN)).toBe(SECRET);
    expect(await (await db()).get('keys', LOCK_RECORD_ID)).toBeUndefined();
  });

  it('admin policy can require it: nothing is usable until one is set, and it cannot be removed', async () => {
    const db = createDbOpener();
    const { lock, secrets } = worker(db, memorySession(), { required: async () => true });
    expect(await lock.state()).toMatchObject({ status: 'setup-required', required: true });
    expect((await lockedErrorOf(secrets.set('cftr', SECRET, ORIGIN))).message).toMatch(
      /administrator requires a passphrase/,
    );
    await lock.enable(PASS);
    await secrets.set('cftr', SECRET, ORIGIN);
    await expect(lock.disable(PASS)).rejects.toThrow(/administrator requires/);
    expect(await secrets.get('cftr', ORIGIN)).toBe(SECRET);
  });

  it('a reset (forgotten passphrase) deletes the lock and every secret, and starts over', async () => {
    const db = createDbOpener();
    const { lock, secrets } = worker(db, memorySession());
    await lock.enable(PASS);
    await secrets.set('cftr', SECRET, ORIGIN);
    const restarted = worker(db, memorySession());
    await restarted.lock.reset();
    expect(await restarted.lock.state()).toMatchObject({ status: 'off' });
    expect(await restarted.secrets.status('cftr')).toEqual({ set: false });
    expect(await (await db()).getAll('keys')).toEqual([]);
    await restarted.secrets.set('cftr', 'new', ORIGIN);
    expect(await restarted.secrets.get('cftr', ORIGIN)).toBe('new');
  });

  it('the policy reader requires the lock only for secretLock.requirePassphrase === true', () => {
    expect(lockRequiredByPolicy({ secretLock: { requirePassphrase: true } })).toBe(true);
    for (const policy of [
      {},
      null,
      'x',
      { secretLock: { requirePassphrase: 'true' } },
      { secretLock: true },
      { requirePassphrase: true },
      { secretLock: { requirePassphrase: false } },
    ]) {
      expect(lockRequiredByPolicy(policy), JSON.stringify(policy)).toBe(false);
    }
  });

  it('refuses a short passphrase and a second lock-on', async () => {
    const db = createDbOpener();
    const { lock } = worker(db, memorySession());
    await expect(lock.enable('1234567')).rejects.toThrow(/at least 8 characters/);
    expect(await lock.state()).toMatchObject({ status: 'off' });
    await lock.enable(PASS);
    await expect(lock.enable(PASS)).rejects.toThrow(/already on/);
  });

  it('uses PBKDF2-SHA-256 with 600,000 iterations and a fresh 16-byte salt by default', async () => {
    const a = createDbOpener('lock-a');
    const b = createDbOpener('lock-b');
    await createSecretLock({ getDb: a, session: memorySession() }).enable(PASS);
    await createSecretLock({ getDb: b, session: memorySession() }).enable(PASS);
    const ra = (await (await a()).get('keys', LOCK_RECORD_ID)) as LockRecord;
    const rb = (await (await b()).get('keys', LOCK_RECORD_ID)) as LockRecord;
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(ra.iterations).toBe(PBKDF2_ITERATIONS);
    expect(ra.salt).toHaveLength(16);
    expect(ra.salt).not.toEqual(rb.salt);
    expect(new Uint8Array(ra.wrapped)).not.toEqual(new Uint8Array(rb.wrapped));
  });
});
