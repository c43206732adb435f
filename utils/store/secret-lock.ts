import type { BridgeDb } from './db';
import type { LockRecord, StoredSecret } from './records';
import {
  createMutex,
  DEVICE_KEY_ID,
  LOCK_RECORD_ID,
  lockedError,
  loadOrCreateDeviceKey,
  secretAad,
  type SecretKeySource,
} from './secret-keys';
import type { SessionArea } from './session-area';

/**
 * The optional passphrase lock over the secret store (issue 13).
 *
 * Off (the default): secrets are encrypted under the device key, a non-extractable AES-GCM key
 * in IndexedDB. That stops other extensions, web pages and sync, but not someone who can read
 * the profile's files: the key sits beside the ciphertext.
 *
 * On: a fresh 256-bit AES-GCM key (the "secret key") encrypts the secrets. It is stored only
 * wrapped, AES-GCM under a key derived from the passphrase with PBKDF2-SHA-256 (600,000
 * iterations, 16-byte random salt); the device key is deleted. Once unlocked the raw secret key
 * lives in the worker's memory and in `storage.session` (memory only, never written to disk,
 * gone when the browser closes) so that a worker restart does not lock again. Never in
 * storage.local or IndexedDB unwrapped.
 *
 * Wrong passphrases are rate limited: after 3 in a row each further try waits 5 s, doubling up
 * to 15 minutes; the count is kept in IndexedDB, so neither a worker nor a browser restart
 * resets it. Attempts run one at a time. (An offline attacker with a copy of the profile is
 * limited only by the passphrase's strength and PBKDF2's cost; see README "Security".)
 */

export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 8;
export const FREE_ATTEMPTS = 3;
export const RETRY_BASE_MS = 5_000;
export const RETRY_CAP_MS = 15 * 60_000;

/** storage.session key of the unwrapped secret key: `{ keyId, raw }` (base64). */
export const SESSION_KEY = 'cftr-bridge.secretLock';

const WRAP_AAD = new TextEncoder().encode('cftr-bridge:secret-lock:v1');

export type LockStatus = 'off' | 'unlocked' | 'locked' | 'setup-required';

export interface LockState {
  status: LockStatus;
  /** Admin policy requires the lock (it cannot be turned off; without it nothing is sent). */
  required: boolean;
  /** Wait this long before the next passphrase attempt (0 = now). */
  retryInMs: number;
  iterations?: number;
  /** When the lock was turned on. */
  since?: number;
}

export type AttemptResult =
  { ok: true } | { ok: false; reason: 'wrong-passphrase' | 'rate-limited'; retryInMs: number };

export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

export interface SecretLock extends SecretKeySource {
  state(): Promise<LockState>;
  /** True when secrets cannot be used now (locked, or required by policy and not set up). */
  isLocked(): Promise<boolean>;
  /** Turns the lock on; answers how many stored secrets were re-encrypted (saved before it). */
  enable(passphrase: string): Promise<number>;
  unlock(passphrase: string): Promise<AttemptResult>;
  /** Forget the unwrapped key now (memory and storage.session). */
  lock(): Promise<void>;
  change(current: string, next: string): Promise<AttemptResult>;
  disable(passphrase: string): Promise<AttemptResult>;
  /**
   * The passphrase is forgotten: delete the lock AND every stored secret (they cannot be opened
   * without it). The settings stay; the secret keys must be entered again.
   */
  reset(): Promise<void>;
}

export interface SecretLockDeps {
  getDb: () => Promise<BridgeDb>;
  session: SessionArea;
  /** Admin policy requires the lock (read on every call: policy can change at run time). */
  required?: () => Promise<boolean>;
  now?: () => number;
  subtle?: SubtleCrypto;
  /** Tests only: fewer iterations than the real 600,000 to keep unit tests fast. */
  iterations?: number;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCodePoint(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.codePointAt(0) ?? 0);

function isLockRecord(value: unknown): value is LockRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'pbkdf2-sha256/aes-gcm-wrap'
  );
}

/** Wait before the next attempt after `failures` wrong passphrases in a row. */
export function retryDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (failures - FREE_ATTEMPTS));
}

/** The passphrase key: PBKDF2-SHA-256 over the UTF-8 passphrase, as an AES-GCM wrapping key. */
export async function derivePassphraseKey(
  subtle: SubtleCrypto,
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Raw secret-key bytes from a lock record and a passphrase; throws on a wrong passphrase. */
export async function unwrapSecretKey(
  subtle: SubtleCrypto,
  record: Pick<LockRecord, 'salt' | 'iterations' | 'iv' | 'wrapped'>,
  passphrase: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const kek = await derivePassphraseKey(subtle, passphrase, record.salt, record.iterations);
  const raw = await subtle.decrypt(
    { name: 'AES-GCM', iv: record.iv, additionalData: WRAP_AAD },
    kek,
    record.wrapped,
  );
  return new Uint8Array(raw);
}

export function createSecretLock(deps: SecretLockDeps): SecretLock {
  const now = deps.now ?? Date.now;
  const subtle = deps.subtle ?? globalThis.crypto.subtle;
  const iterations = deps.iterations ?? PBKDF2_ITERATIONS;
  const required = deps.required ?? (() => Promise.resolve(false));
  const exclusive = createMutex();
  /** The unwrapped key for this worker, and which lock-on it belongs to. */
  let memory: { keyId: string; key: CryptoKey } | null = null;
  let device: CryptoKey | null = null;

  const importUse = (raw: Uint8Array<ArrayBuffer>) =>
    subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);

  async function record(): Promise<LockRecord | null> {
    const db = await deps.getDb();
    const value = await db.get('keys', LOCK_RECORD_ID);
    return isLockRecord(value) ? value : null;
  }

  async function putRecord(next: LockRecord): Promise<void> {
    const db = await deps.getDb();
    await db.put('keys', next, LOCK_RECORD_ID);
  }

  /** The unwrapped key from memory or storage.session, if this browser session has it. */
  async function sessionKey(rec: LockRecord): Promise<CryptoKey | null> {
    if (memory?.keyId === rec.keyId) return memory.key;
    const stored = (await deps.session.get(SESSION_KEY))[SESSION_KEY] as
      { keyId?: unknown; raw?: unknown } | undefined;
    if (stored?.keyId !== rec.keyId || typeof stored.raw !== 'string') return null;
    const key = await importUse(fromBase64(stored.raw));
    memory = { keyId: rec.keyId, key };
    return key;
  }

  async function remember(keyId: string, raw: Uint8Array<ArrayBuffer>): Promise<void> {
    await deps.session.set({ [SESSION_KEY]: { keyId, raw: toBase64(raw) } });
    memory = { keyId, key: await importUse(raw) };
  }

  async function forget(): Promise<void> {
    memory = null;
    await deps.session.remove(SESSION_KEY);
  }

  async function current(): Promise<CryptoKey> {
    const rec = await record();
    if (rec) {
      const key = await sessionKey(rec);
      if (!key) throw lockedError();
      return key;
    }
    if (await required()) throw lockedError(true);
    if (!device) device = await loadOrCreateDeviceKey(await deps.getDb(), subtle);
    return device;
  }

  /**
   * Decrypt every stored secret with `from` and encrypt it again with `to` (same additional
   * data, fresh IV). A row that does not decrypt (already broken) is left as it is.
   */
  async function reencrypt(from: CryptoKey | null, to: CryptoKey): Promise<StoredSecret[]> {
    const db = await deps.getDb();
    const rows = await db.getAll('secrets');
    const out: StoredSecret[] = [];
    for (const row of rows) {
      if (!row.ciphertext || !row.iv || !from) continue;
      const additionalData = secretAad(row.product, row.origin);
      let plain: ArrayBuffer;
      try {
        plain = await subtle.decrypt(
          { name: 'AES-GCM', iv: row.iv, additionalData },
          from,
          row.ciphertext,
        );
      } catch {
        continue;
      }
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      const ciphertext = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, to, plain);
      out.push({ ...row, ciphertext, iv });
    }
    return out;
  }

  async function wrap(raw: Uint8Array<ArrayBuffer>, passphrase: string) {
    const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const kek = await derivePassphraseKey(subtle, passphrase, salt, iterations);
    const wrapped = await subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: WRAP_AAD },
      kek,
      raw,
    );
    return { salt, iv, wrapped, iterations };
  }

  function checkNew(passphrase: string): void {
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
      throw new LockError(`The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    }
  }

  /**
   * One passphrase attempt against the lock record, rate limited. On success the raw key is
   * returned and the failure count reset; on failure the count grows (persisted).
   */
  async function attempt(
    rec: LockRecord,
    passphrase: string,
  ): Promise<{ ok: true; raw: Uint8Array<ArrayBuffer> } | Exclude<AttemptResult, { ok: true }>> {
    if (rec.lastFailureAt !== undefined && rec.lastFailureAt > now()) {
      // The clock went back: count the wait from now, or it would never end.
      rec = { ...rec, lastFailureAt: now() };
      await putRecord(rec);
    }
    const wait = waitMs(rec);
    if (wait > 0) return { ok: false, reason: 'rate-limited', retryInMs: wait };
    try {
      const raw = await unwrapSecretKey(subtle, rec, passphrase);
      if (rec.failures !== 0) {
        const { lastFailureAt: _dropped, ...rest } = rec;
        await putRecord({ ...rest, failures: 0 });
      }
      return { ok: true, raw };
    } catch {
      const failures = rec.failures + 1;
      await putRecord({ ...rec, failures, lastFailureAt: now() });
      return { ok: false, reason: 'wrong-passphrase', retryInMs: retryDelayMs(failures) };
    }
  }

  async function state(): Promise<LockState> {
    const [rec, isRequired] = await Promise.all([record(), required()]);
    if (!rec) {
      return { status: isRequired ? 'setup-required' : 'off', required: isRequired, retryInMs: 0 };
    }
    const unlocked = (await sessionKey(rec)) !== null;
    const wait = waitMs(rec);
    return {
      status: unlocked ? 'unlocked' : 'locked',
      required: isRequired,
      retryInMs: Math.max(0, wait),
      iterations: rec.iterations,
      since: rec.since,
    };
  }

  /**
   * Time left before the next attempt. Never more than the delay itself, so a clock set back
   * (lastFailureAt in the future) cannot lock the user out for longer than the rate limit says.
   */
  function waitMs(rec: LockRecord): number {
    if (rec.lastFailureAt === undefined) return 0;
    const delay = retryDelayMs(rec.failures);
    return Math.max(0, Math.min(delay, rec.lastFailureAt + delay - now()));
  }

  async function mustRecord(): Promise<LockRecord> {
    const rec = await record();
    if (!rec) throw new LockError('The passphrase lock is not on.');
    return rec;
  }

  return {
    current,
    exclusive,

    state,

    async isLocked() {
      const { status } = await state();
      return status === 'locked' || status === 'setup-required';
    },

    enable: (passphrase) =>
      exclusive(async () => {
        checkNew(passphrase);
        if (await record()) throw new LockError('The passphrase lock is already on.');
        const db = await deps.getDb();
        const existing = await db.get('keys', DEVICE_KEY_ID);
        const from = existing instanceof CryptoKey ? existing : null;
        // Extractable only here, to wrap it and to keep its bytes in storage.session.
        const fresh = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
          'encrypt',
          'decrypt',
        ]);
        const raw = new Uint8Array(await subtle.exportKey('raw', fresh));
        const rows = await reencrypt(from, fresh);
        const keyId = globalThis.crypto.randomUUID();
        const rec: LockRecord = {
          kind: 'pbkdf2-sha256/aes-gcm-wrap',
          ...(await wrap(raw, passphrase)),
          keyId,
          since: now(),
          failures: 0,
        };
        // One transaction: the wrapped key, the re-encrypted secrets, the device key gone.
        const tx = db.transaction(['keys', 'secrets'], 'readwrite');
        await Promise.all([
          tx.objectStore('keys').put(rec, LOCK_RECORD_ID),
          tx.objectStore('keys').delete(DEVICE_KEY_ID),
          ...rows.map((row) => tx.objectStore('secrets').put(row)),
          tx.done,
        ]);
        device = null;
        await remember(keyId, raw);
        return rows.length;
      }),

    unlock: (passphrase) =>
      exclusive(async () => {
        const rec = await mustRecord();
        const result = await attempt(rec, passphrase);
        if (!result.ok) return result;
        await remember(rec.keyId, result.raw);
        return { ok: true };
      }),

    lock: () =>
      exclusive(async () => {
        await mustRecord();
        await forget();
      }),

    change: (currentPassphrase, next) =>
      exclusive(async () => {
        checkNew(next);
        const rec = await mustRecord();
        const result = await attempt(rec, currentPassphrase);
        if (!result.ok) return result;
        await putRecord({ ...rec, ...(await wrap(result.raw, next)), failures: 0 });
        await remember(rec.keyId, result.raw);
        return { ok: true };
      }),

    disable: (passphrase) =>
      exclusive(async () => {
        const rec = await mustRecord();
        if (await required()) {
          throw new LockError(
            'Your administrator requires the passphrase lock; it cannot be turned off.',
          );
        }
        const result = await attempt(rec, passphrase);
        if (!result.ok) return result;
        const from = await importUse(result.raw);
        const fresh = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
          'encrypt',
          'decrypt',
        ]);
        const rows = await reencrypt(from, fresh);
        const db = await deps.getDb();
        const tx = db.transaction(['keys', 'secrets'], 'readwrite');
        await Promise.all([
          tx.objectStore('keys').put(fresh, DEVICE_KEY_ID),
          tx.objectStore('keys').delete(LOCK_RECORD_ID),
          ...rows.map((row) => tx.objectStore('secrets').put(row)),
          tx.done,
        ]);
        device = fresh;
        await forget();
        return { ok: true };
      }),

    reset: () =>
      exclusive(async () => {
        // Required by policy, it is then "setup-required" again: nothing is sent until set.
        const db = await deps.getDb();
        const tx = db.transaction(['keys', 'secrets'], 'readwrite');
        await Promise.all([
          tx.objectStore('keys').delete(LOCK_RECORD_ID),
          tx.objectStore('keys').delete(DEVICE_KEY_ID),
          tx.objectStore('secrets').clear(),
          tx.done,
        ]);
        device = null;
        await forget();
      }),
  };
}
