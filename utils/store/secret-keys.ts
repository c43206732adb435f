import { ApiError } from '../cyware/errors';
import { LOCKED_TEXT } from '../messaging/lock-contract';
import type { Product } from '../settings/schema';
import type { BridgeDb } from './db';

/**
 * Where the secret-encryption key comes from. Without the passphrase lock it is the "device
 * key": a non-extractable AES-GCM key kept in IndexedDB (structured clone). Anyone who can
 * read the profile's files can read that key too, so it only keeps secrets from other
 * extensions, web pages and sync. With the lock (./secret-lock.ts) the key is wrapped under a
 * passphrase-derived key and only exists unwrapped in memory.
 */
export const DEVICE_KEY_ID = 'secrets-aes-gcm';
/** The lock record (wrapped key, salt, iterations, failed attempts) in the same `keys` store. */
export const LOCK_RECORD_ID = 'secret-lock';

/** Additional data of a secret's AES-GCM ciphertext: product and origin are bound in. */
export const secretAad = (product: Product, origin?: string) =>
  new TextEncoder().encode(
    `cftr-bridge:secret:${product}${origin === undefined ? '' : `:${origin}`}`,
  );

/** Said wherever a secret is needed while the lock is closed (popup, options, badge, errors). */
export const LOCKED_MESSAGE = LOCKED_TEXT;
export const SETUP_REQUIRED_MESSAGE =
  'Locked — your administrator requires a passphrase lock: set one in the settings to send';

export function lockedError(setupRequired = false): ApiError {
  return new ApiError('locked', setupRequired ? SETUP_REQUIRED_MESSAGE : LOCKED_MESSAGE);
}

export interface SecretKeySource {
  /** The key secrets are encrypted under; throws ApiError('locked') while locked. */
  current(): Promise<CryptoKey>;
  /** Runs `fn` so that no re-keying (lock on/off) happens meanwhile. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

/** A promise mutex: one holder at a time, in call order. */
export function createMutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Load the device key, or generate and store it (non-extractable) on first use. */
export async function loadOrCreateDeviceKey(
  db: BridgeDb,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<CryptoKey> {
  const existing = await db.get('keys', DEVICE_KEY_ID);
  if (existing instanceof CryptoKey) return existing;
  const fresh = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  // Another caller may have stored a key meanwhile: keep the first one, or its secrets die.
  const tx = db.transaction('keys', 'readwrite');
  const raced = await tx.store.get(DEVICE_KEY_ID);
  if (!(raced instanceof CryptoKey)) await tx.store.put(fresh, DEVICE_KEY_ID);
  await tx.done;
  return raced instanceof CryptoKey ? raced : fresh;
}

/** The key source without any lock: the device key, cached per worker. */
export function deviceKeySource(
  getDb: () => Promise<BridgeDb>,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): SecretKeySource {
  let pending: Promise<CryptoKey> | null = null;
  return {
    current() {
      pending ??= getDb()
        .then((db) => loadOrCreateDeviceKey(db, subtle))
        .catch((error: unknown) => {
          pending = null;
          throw error;
        });
      return pending;
    },
    exclusive: createMutex(),
  };
}
