import type { Product } from '../settings/schema';
import type { BridgeDb } from './db';

/**
 * Secret keys at rest. Each is AES-GCM encrypted under one key that is generated in the
 * worker as NON-extractable and kept in IndexedDB as a CryptoKey (structured clone): the raw
 * key bytes never exist in JavaScript, so neither a page nor a copy of the profile's storage
 * files reveals a secret without this browser's key handle. The product name is bound in as
 * additional data, so swapping the two ciphertexts does not decrypt.
 */
const KEY_ID = 'secrets-aes-gcm';

const aad = (product: Product) => new TextEncoder().encode(`cftr-bridge:secret:${product}`);

export interface SecretStatus {
  set: boolean;
  updatedAt?: number;
}

export interface SecretStore {
  set(product: Product, value: string): Promise<void>;
  /** The plaintext, for the background's signer only; null when not set. */
  get(product: Product): Promise<string | null>;
  status(product: Product): Promise<SecretStatus>;
  clear(product: Product): Promise<void>;
}

export function createSecretStore(
  getDb: () => Promise<BridgeDb>,
  { now = Date.now, subtle = globalThis.crypto.subtle } = {},
): SecretStore {
  let keyPromise: Promise<CryptoKey> | null = null;

  async function loadOrCreateKey(): Promise<CryptoKey> {
    const db = await getDb();
    const existing = await db.get('keys', KEY_ID);
    if (existing) return existing;
    const fresh = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    // Another caller may have stored a key meanwhile: keep the first one, or its secrets die.
    const tx = db.transaction('keys', 'readwrite');
    const raced = await tx.store.get(KEY_ID);
    if (!raced) await tx.store.put(fresh, KEY_ID);
    await tx.done;
    return raced ?? fresh;
  }

  function key(): Promise<CryptoKey> {
    keyPromise ??= loadOrCreateKey().catch((error: unknown) => {
      keyPromise = null;
      throw error;
    });
    return keyPromise;
  }

  return {
    async set(product, value) {
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      const ciphertext = await subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: aad(product) },
        await key(),
        new TextEncoder().encode(value),
      );
      const db = await getDb();
      await db.put('secrets', { product, ciphertext, iv, updatedAt: now() });
    },

    async get(product) {
      const db = await getDb();
      const stored = await db.get('secrets', product);
      if (!stored) return null;
      try {
        const plain = await subtle.decrypt(
          { name: 'AES-GCM', iv: stored.iv, additionalData: aad(product) },
          await key(),
          stored.ciphertext,
        );
        return new TextDecoder().decode(plain);
      } catch {
        // The key was lost (profile reset) or the row was tampered with: treat as not set,
        // so the options page asks for the secret again instead of failing every request.
        return null;
      }
    },

    async status(product) {
      const db = await getDb();
      const stored = await db.get('secrets', product);
      return stored ? { set: true, updatedAt: stored.updatedAt } : { set: false };
    },

    async clear(product) {
      const db = await getDb();
      await db.delete('secrets', product);
    },
  };
}
