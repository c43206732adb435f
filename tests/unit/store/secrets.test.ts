import { describe, expect, it } from 'vitest';
import { createDbOpener, type BridgeDb } from '../../../utils/store/db';
import { createSecretStore } from '../../../utils/store/secrets';

const PLAIN = 'sup3r-s3cret-key-value-0123456789';

/** Every byte string and text reachable in a stored value, as bytes. */
function byteViews(value: unknown, out: Uint8Array[] = []): Uint8Array[] {
  if (typeof value === 'string') out.push(new TextEncoder().encode(value));
  else if (value instanceof ArrayBuffer) out.push(new Uint8Array(value));
  else if (ArrayBuffer.isView(value)) {
    out.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  } else if (typeof value === 'object' && value !== null && !(value instanceof CryptoKey)) {
    for (const v of Object.values(value)) byteViews(v, out);
  }
  return out;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

async function everyStoredValue(db: BridgeDb): Promise<unknown[]> {
  const all: unknown[] = [];
  for (const name of db.objectStoreNames) all.push(...(await db.getAll(name)));
  return all;
}

describe('secret store', () => {
  it('round-trips a secret and reports when it was set, never the value', async () => {
    const open = createDbOpener();
    const secrets = createSecretStore(open, { now: () => 1234 });
    expect(await secrets.status('cftr')).toEqual({ set: false });
    expect(await secrets.get('cftr')).toBeNull();
    await secrets.set('cftr', PLAIN);
    expect(await secrets.get('cftr')).toBe(PLAIN);
    expect(await secrets.status('cftr')).toEqual({ set: true, updatedAt: 1234 });
    expect(await secrets.get('ctix')).toBeNull();
  });

  it('stores only ciphertext: the plaintext bytes appear nowhere in the database', async () => {
    const open = createDbOpener();
    await createSecretStore(open).set('ctix', PLAIN);
    const db = await open();
    const row = await db.get('secrets', 'ctix');
    expect(row?.ciphertext?.byteLength).toBe(PLAIN.length + 16); // AES-GCM tag
    const needle = new TextEncoder().encode(PLAIN);
    const views = byteViews(await everyStoredValue(db));
    expect(views.length).toBeGreaterThan(2);
    for (const view of views) expect(contains(view, needle)).toBe(false);
    // The check itself finds the bytes when they are there.
    expect(contains(new TextEncoder().encode(`x${PLAIN}y`), needle)).toBe(true);
  });

  it('keeps a non-extractable AES-GCM key in IndexedDB, reused after a worker restart', async () => {
    const open = createDbOpener();
    await createSecretStore(open).set('cftr', PLAIN);
    const db = await open();
    const keys = await db.getAll('keys');
    expect(keys).toHaveLength(1);
    const key = keys[0] as CryptoKey;
    expect(key.extractable).toBe(false);
    expect(key.algorithm.name).toBe('AES-GCM');
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    // A new worker builds a new store object; it must find the same key, not make another.
    const again = createSecretStore(open);
    expect(await again.get('cftr')).toBe(PLAIN);
    await again.set('ctix', 'other');
    expect(await db.count('keys')).toBe(1);
  });

  it('uses a fresh IV per write', async () => {
    const open = createDbOpener();
    const secrets = createSecretStore(open);
    await secrets.set('cftr', PLAIN);
    const first = await (await open()).get('secrets', 'cftr');
    await secrets.set('cftr', PLAIN);
    const second = await (await open()).get('secrets', 'cftr');
    expect(Buffer.from(first!.iv!).equals(Buffer.from(second!.iv!))).toBe(false);
    expect(Buffer.from(first!.ciphertext!).equals(Buffer.from(second!.ciphertext!))).toBe(false);
  });

  it('binds each ciphertext to its product: swapped rows do not decrypt', async () => {
    const open = createDbOpener();
    const secrets = createSecretStore(open);
    await secrets.set('ctix', 'ctix-secret');
    await secrets.set('cftr', 'cftr-secret');
    const db = await open();
    const ctix = await db.get('secrets', 'ctix');
    await db.put('secrets', { ...ctix!, product: 'cftr' });
    expect(await secrets.get('cftr')).toBeNull();
  });

  it('treats a secret whose key was lost as not set', async () => {
    const open = createDbOpener();
    await createSecretStore(open).set('cftr', PLAIN);
    await (await open()).clear('keys');
    expect(await createSecretStore(open).get('cftr')).toBeNull();
  });

  it('creates a single key when first writes race', async () => {
    const open = createDbOpener();
    const a = createSecretStore(open);
    const b = createSecretStore(open);
    await Promise.all([a.set('ctix', 'one'), b.set('cftr', 'two')]);
    expect(await (await open()).count('keys')).toBe(1);
    const c = createSecretStore(open);
    expect(await c.get('ctix')).toBe('one');
    expect(await c.get('cftr')).toBe('two');
  });
});
