import { describe, expect, it } from 'vitest';
import {
  appendSignature,
  createSigner,
  maskSignature,
  type SubtleLike,
} from '../../../utils/cyware/sign';

const CRED = { accessId: 'ak-123', secret: 's3cr3t-key' };
/** now such that Expires = floor(now/1000) + 20 = 1700000020. */
const NOW_FOR_VECTOR = 1_700_000_000_000;

function countingSubtle(options: { failImports?: number } = {}) {
  const real = globalThis.crypto.subtle;
  const counts = { importKey: 0, sign: 0 };
  let failures = options.failImports ?? 0;
  const subtle: SubtleLike = {
    importKey: ((...args: Parameters<SubtleCrypto['importKey']>) => {
      counts.importKey += 1;
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error('import failed'));
      }
      return real.importKey(...args);
    }) as SubtleCrypto['importKey'],
    sign: (...args) => {
      counts.sign += 1;
      return real.sign(...args);
    },
  };
  return { subtle, counts };
}

describe('createSigner', () => {
  it('reproduces the documented vector (cyware-api.md §1)', async () => {
    const signer = createSigner({ now: () => NOW_FOR_VECTOR });
    await expect(signer.sign(CRED)).resolves.toEqual({
      AccessID: 'ak-123',
      Expires: '1700000020',
      Signature: 'BA8Eiyc8iPECLPPYBFdfjqg5zcM=',
    });
  });

  it('floors the clock to whole seconds before adding 20 s', async () => {
    const signer = createSigner({ now: () => NOW_FOR_VECTOR + 999 });
    expect((await signer.sign(CRED)).Expires).toBe('1700000020');
  });

  it('UTF-8 encodes non-ASCII access IDs and secrets', async () => {
    // python3 -c "import hmac,hashlib,base64; print(base64.b64encode(hmac.new(
    //   'clé-secrète-🔑'.encode(), 'accès-ü\n1700000020'.encode(), hashlib.sha1).digest()))"
    // → b'54X6XjkGwtY1EHLhQkJGlHBA2j8='
    const signer = createSigner({ now: () => NOW_FOR_VECTOR });
    const params = await signer.sign({ accessId: 'accès-ü', secret: 'clé-secrète-🔑' });
    expect(params.Signature).toBe('54X6XjkGwtY1EHLhQkJGlHBA2j8=');
  });

  it('signs afresh on every call: a later clock gives a new Expires and Signature', async () => {
    let now = NOW_FOR_VECTOR;
    const signer = createSigner({ now: () => now });
    const first = await signer.sign(CRED);
    now += 5_000;
    const second = await signer.sign(CRED);
    expect(second.Expires).toBe('1700000025');
    // python3: base64(hmac(b's3cr3t-key', b'ak-123\n1700000025', sha1)) = 3tpwk8qpYVVFhQ6iaNU+B/kNkEA=
    expect(second.Signature).toBe('3tpwk8qpYVVFhQ6iaNU+B/kNkEA=');
    expect(second.Signature).not.toBe(first.Signature);
  });

  it('imports the key once per credential, even for concurrent first calls', async () => {
    const { subtle, counts } = countingSubtle();
    const signer = createSigner({ now: () => NOW_FOR_VECTOR, subtle });
    await Promise.all([signer.sign(CRED), signer.sign(CRED), signer.sign(CRED)]);
    await signer.sign(CRED);
    expect(counts.importKey).toBe(1);
    expect(counts.sign).toBe(4);
  });

  it('imports again when the secret of an access ID changes', async () => {
    const { subtle, counts } = countingSubtle();
    const signer = createSigner({ now: () => NOW_FOR_VECTOR, subtle });
    const before = await signer.sign(CRED);
    const after = await signer.sign({ accessId: 'ak-123', secret: 'rotated' });
    expect(counts.importKey).toBe(2);
    expect(after.Signature).not.toBe(before.Signature);
  });

  it('keeps a bounded, least-recently-used cache', async () => {
    const { subtle, counts } = countingSubtle();
    const signer = createSigner({ now: () => NOW_FOR_VECTOR, subtle, maxCachedKeys: 2 });
    const a = { accessId: 'a', secret: 'sa' };
    const b = { accessId: 'b', secret: 'sb' };
    const c = { accessId: 'c', secret: 'sc' };
    await signer.sign(a);
    await signer.sign(b);
    await signer.sign(a); // a becomes most recent
    await signer.sign(c); // evicts b
    expect(counts.importKey).toBe(3);
    await signer.sign(a);
    expect(counts.importKey).toBe(3);
    await signer.sign(b);
    expect(counts.importKey).toBe(4);
  });

  it('does not cache a failed import', async () => {
    const { subtle, counts } = countingSubtle({ failImports: 1 });
    const signer = createSigner({ now: () => NOW_FOR_VECTOR, subtle });
    await expect(signer.sign(CRED)).rejects.toThrow('import failed');
    await expect(signer.sign(CRED)).resolves.toMatchObject({
      Signature: 'BA8Eiyc8iPECLPPYBFdfjqg5zcM=',
    });
    expect(counts.importKey).toBe(2);
  });

  it('clear() forgets the keys', async () => {
    const { subtle, counts } = countingSubtle();
    const signer = createSigner({ now: () => NOW_FOR_VECTOR, subtle });
    await signer.sign(CRED);
    signer.clear();
    await signer.sign(CRED);
    expect(counts.importKey).toBe(2);
  });
});

describe('appendSignature', () => {
  it('puts the documented wire form on the URL', async () => {
    const params = await createSigner({ now: () => NOW_FOR_VECTOR }).sign(CRED);
    const url = appendSignature(new URL('https://tenant.example.com/ctixapi/ping/'), params);
    expect(url.href).toBe(
      'https://tenant.example.com/ctixapi/ping/?AccessID=ak-123&Expires=1700000020&Signature=BA8Eiyc8iPECLPPYBFdfjqg5zcM%3D',
    );
  });

  it('encodes + / = exactly once and keeps existing query parameters', () => {
    const url = appendSignature(new URL('https://h.example/x/?page=2&page_size=50'), {
      AccessID: 'ak-123',
      Expires: '1700000025',
      Signature: '3tpwk8qpYVVFhQ6iaNU+B/kNkEA=',
    });
    expect(url.search).toBe(
      '?page=2&page_size=50&AccessID=ak-123&Expires=1700000025&Signature=3tpwk8qpYVVFhQ6iaNU%2BB%2FkNkEA%3D',
    );
    expect(new URL(url.href).searchParams.get('Signature')).toBe('3tpwk8qpYVVFhQ6iaNU+B/kNkEA=');
  });

  it('re-signing the same URL replaces the old signature instead of adding one', () => {
    const url = new URL('https://h.example/x/');
    appendSignature(url, { AccessID: 'a', Expires: '1', Signature: 'old' });
    appendSignature(url, { AccessID: 'a', Expires: '2', Signature: 'new' });
    expect(url.searchParams.getAll('Signature')).toEqual(['new']);
  });
});

describe('maskSignature', () => {
  it('masks the Signature value and nothing else', () => {
    expect(maskSignature('https://h.example/p/?AccessID=a&Expires=1&Signature=abc%3D&page=2')).toBe(
      'https://h.example/p/?AccessID=a&Expires=1&Signature=••••&page=2',
    );
  });
});
