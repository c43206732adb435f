/**
 * Cyware Open API request signing (cyware-api.md §1): HMAC-SHA1 over "AccessID\nExpires", keyed
 * with the UTF-8 secret, standard Base64, sent as three query parameters. WebCrypto only, so the
 * same code runs in the service worker, in Node tests and in the bench.
 */

export interface Credential {
  accessId: string;
  secret: string;
}

/** The three query parameters, spelled as the servers expect them. */
export interface SignatureParams {
  AccessID: string;
  Expires: string;
  Signature: string;
}

/** The part of SubtleCrypto the signer uses; tests pass a spying wrapper. */
export type SubtleLike = Pick<SubtleCrypto, 'importKey' | 'sign'>;

export interface SignerDeps {
  /** Epoch milliseconds. */
  now?: () => number;
  subtle?: SubtleLike;
  /** Keys kept at once; a user has two credentials, rotation adds a few. */
  maxCachedKeys?: number;
}

export interface Signer {
  sign(cred: Credential): Promise<SignatureParams>;
  /** Forget every cached key (e.g. after secrets change). */
  clear(): void;
}

/** CTIX accepts at most 30 s ahead; 20 s leaves room for a slow network without tripping skew. */
export const EXPIRES_AHEAD_S = 20;
const DEFAULT_MAX_CACHED_KEYS = 8;

const utf8 = new TextEncoder();

function toBase64(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function createSigner(deps: SignerDeps = {}): Signer {
  const now = deps.now ?? Date.now;
  const maxKeys = Math.max(1, deps.maxCachedKeys ?? DEFAULT_MAX_CACHED_KEYS);
  // Resolved lazily: nothing touches crypto at import time.
  const subtle = (): SubtleLike => deps.subtle ?? globalThis.crypto.subtle;
  // One entry per access ID; promises, not keys, so concurrent first requests share one
  // importKey. The entry remembers which secret its key was imported from, so a rotated secret
  // gets a new key. (The worker holds the decrypted secret in memory to sign anyway; comparing
  // strings costs nothing, where hashing the secret on every request doubled the signing cost.)
  // Insertion order doubles as LRU order (a hit is re-inserted at the end).
  const keys = new Map<string, { secret: string; key: Promise<CryptoKey> }>();

  function keyFor(cred: Credential): Promise<CryptoKey> {
    const cached = keys.get(cred.accessId);
    if (cached?.secret === cred.secret) {
      keys.delete(cred.accessId);
      keys.set(cred.accessId, cached);
      return cached.key;
    }
    const imported = subtle().importKey(
      'raw',
      utf8.encode(cred.secret),
      { name: 'HMAC', hash: 'SHA-1' },
      false,
      ['sign'],
    );
    const entry = { secret: cred.secret, key: imported };
    keys.delete(cred.accessId);
    keys.set(cred.accessId, entry);
    while (keys.size > maxKeys) {
      const oldest = keys.keys().next().value;
      if (oldest === undefined) break;
      keys.delete(oldest);
    }
    // A failed import must not poison the cache for the next attempt.
    imported.catch(() => {
      if (keys.get(cred.accessId) === entry) keys.delete(cred.accessId);
    });
    return imported;
  }

  return {
    async sign(cred) {
      const key = await keyFor(cred);
      const expires = String(Math.floor(now() / 1000) + EXPIRES_AHEAD_S);
      const mac = await subtle().sign('HMAC', key, utf8.encode(`${cred.accessId}\n${expires}`));
      return { AccessID: cred.accessId, Expires: expires, Signature: toBase64(mac) };
    },
    clear() {
      keys.clear();
    },
  };
}

/**
 * Put the signature on a URL. URLSearchParams encodes the Base64 exactly once (`+`→%2B, `/`→%2F,
 * `=`→%3D); `set` keeps a re-signed URL from carrying two signatures.
 */
export function appendSignature(url: URL, params: SignatureParams): URL {
  url.searchParams.set('AccessID', params.AccessID);
  url.searchParams.set('Expires', params.Expires);
  url.searchParams.set('Signature', params.Signature);
  return url;
}

export const SIGNATURE_MASK = '••••';

/** The URL as text with the Signature value masked: the only form a URL may be shown or logged in. */
export function maskSignature(url: URL | string): string {
  // The value class stops at anything a Base64 or percent-encoded value cannot contain, so
  // text quoted after a URL (e.g. in a JSON error body) survives.
  return String(url).replace(/([?&]Signature=)[\w%+/=.~-]*/gi, `$1${SIGNATURE_MASK}`);
}
