import { isApiError } from '../cyware/errors';
import type { Product } from '../settings/schema';
import type { BridgeDb } from './db';
import { deviceKeySource, secretAad as aad, type SecretKeySource } from './secret-keys';

/**
 * Secret keys at rest, AES-GCM encrypted under one key from a key source (./secret-keys.ts):
 * the non-extractable device key in IndexedDB, or, with the passphrase lock on, the key
 * unwrapped in memory (./secret-lock.ts). The product name and origin are bound in as
 * additional data, so swapping the two ciphertexts or editing a row's origin does not decrypt.
 * What this does and does not protect against: README, "Security".
 */

export interface SecretStatus {
  set: boolean;
  updatedAt?: number;
  /** Origin the secret is bound to (the base URL's origin when it was saved). */
  origin?: string;
  /** The secret was cleared because the API address moved to another host. */
  cleared?: 'origin-moved';
}

/** scheme://host[:port] of a base URL; null when it is not a URL. */
export function originOf(baseUrl: string): string | null {
  try {
    const origin = new URL(baseUrl).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export interface SecretStore {
  /** Store a secret bound to `origin` (the origin of the base URL it is saved with). */
  set(product: Product, value: string, origin?: string): Promise<void>;
  /**
   * The plaintext, for the background's signer only; null when not set. With `origin`, null
   * too unless the secret was saved for exactly that origin.
   */
  get(product: Product, origin?: string): Promise<string | null>;
  status(product: Product): Promise<SecretStatus>;
  clear(product: Product): Promise<void>;
  /**
   * The base URL now points at `origin`: a secret bound elsewhere (or to no origin) is
   * deleted and a tombstone says why. True when a secret was cleared by this call.
   */
  bindOrClear(product: Product, origin: string | null): Promise<boolean>;
}

export function createSecretStore(
  getDb: () => Promise<BridgeDb>,
  {
    now = Date.now,
    subtle = globalThis.crypto.subtle,
    keys = deviceKeySource(getDb, subtle),
  }: { now?: () => number; subtle?: SubtleCrypto; keys?: SecretKeySource } = {},
): SecretStore {
  const key = () => keys.current();

  return {
    set: (product, value, origin) =>
      keys.exclusive(async () => {
        const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
        const ciphertext = await subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData: aad(product, origin) },
          await key(),
          new TextEncoder().encode(value),
        );
        const db = await getDb();
        await db.put('secrets', {
          product,
          ciphertext,
          iv,
          updatedAt: now(),
          ...(origin === undefined ? {} : { origin }),
        });
      }),

    get: (product, origin) =>
      keys.exclusive(async () => {
        const db = await getDb();
        const stored = await db.get('secrets', product);
        if (!stored?.ciphertext || !stored.iv) return null;
        // Bound to its origin: a request anywhere else never gets this secret.
        if (origin !== undefined && stored.origin !== origin) return null;
        try {
          const plain = await subtle.decrypt(
            { name: 'AES-GCM', iv: stored.iv, additionalData: aad(product, stored.origin) },
            await key(),
            stored.ciphertext,
          );
          return new TextDecoder().decode(plain);
        } catch (error) {
          // Locked: say so (the outbox waits; the options page asks for the passphrase).
          if (isApiError(error)) throw error;
          // The key was lost (profile reset) or the row was tampered with: treat as not set,
          // so the options page asks for the secret again instead of failing every request.
          return null;
        }
      }),

    async status(product) {
      const db = await getDb();
      const stored = await db.get('secrets', product);
      if (!stored) return { set: false };
      if (!stored.ciphertext) {
        return { set: false, cleared: 'origin-moved', updatedAt: stored.updatedAt };
      }
      return {
        set: true,
        updatedAt: stored.updatedAt,
        ...(stored.origin === undefined ? {} : { origin: stored.origin }),
      };
    },

    // Under the same exclusion as a re-key, which rewrites every row.
    bindOrClear: (product, origin) =>
      keys.exclusive(async () => {
        const db = await getDb();
        const tx = db.transaction('secrets', 'readwrite');
        const stored = await tx.store.get(product);
        let cleared = false;
        if (stored?.ciphertext && stored.origin !== origin) {
          await tx.store.put({
            product,
            updatedAt: now(),
            ...(stored.origin === undefined ? {} : { movedFrom: stored.origin }),
          });
          cleared = true;
        }
        await tx.done;
        return cleared;
      }),

    clear: (product) =>
      keys.exclusive(async () => {
        const db = await getDb();
        await db.delete('secrets', product);
      }),
  };
}
