/**
 * A v4 UUID. crypto.randomUUID exists only in secure contexts, and the in-page dialog also runs
 * on plain-http pages, where getRandomValues is still there.
 */
export function newRequestId(cryptoLike: Crypto = globalThis.crypto): string {
  if (typeof cryptoLike.randomUUID === 'function') return cryptoLike.randomUUID();
  const bytes = cryptoLike.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
