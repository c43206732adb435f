/**
 * Bitcoin address validation (corpus rule 41): Base58Check P2PKH/P2SH and bech32/bech32m
 * segwit addresses. Checksums are verified, which is what keeps random base58-looking tokens
 * (API keys, ids) from being reported.
 */

import { sha256 } from './sha256';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_INDEX = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < B58.length; i++) t[B58.charCodeAt(i)] = i;
  return t;
})();

/** `s` must be 26–35 chars starting with 1 (P2PKH) or 3 (P2SH). */
export function isBase58Address(s: string): boolean {
  if (s.length < 26 || s.length > 35) return false;
  const first = s.charCodeAt(0);
  if (first !== 49 && first !== 51) return false;
  // Decode into 25 bytes (version + 20-byte hash + 4-byte checksum), big-endian base conversion.
  const bytes = new Uint8Array(25);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? (B58_INDEX[c] ?? -1) : -1;
    if (v < 0) return false;
    let carry = v;
    for (let j = 24; j >= 0; j--) {
      carry += (bytes[j] ?? 0) * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    if (carry !== 0) return false; // more than 25 bytes
  }
  // Leading '1's encode leading zero bytes, one for one; the version byte is 0 (P2PKH, "1…")
  // or 5 (P2SH, "3…").
  const version = bytes[0];
  if (first === 49 ? version !== 0x00 : version !== 0x05) return false;
  let ones = 0;
  while (ones < s.length && s.charCodeAt(ones) === 49) ones++;
  let zeros = 0;
  while (zeros < 25 && bytes[zeros] === 0) zeros++;
  if (ones !== zeros) return false;
  const check = sha256(sha256(bytes.subarray(0, 21)));
  for (let i = 0; i < 4; i++) if (check[i] !== bytes[21 + i]) return false;
  return true;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_INDEX = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < BECH32.length; i++) t[BECH32.charCodeAt(i)] = i;
  return t;
})();
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i] ?? 0;
  }
  return chk >>> 0;
}

/** Mainnet segwit address: bc1q… (bech32, v0, 42 or 62 chars) or bc1p… (bech32m, v1, 62). */
export function isBech32Address(s: string): boolean {
  if (s.length !== 42 && s.length !== 62) return false;
  const lower = s.toLowerCase();
  if (s !== lower && s !== s.toUpperCase()) return false; // mixed case is invalid
  if (!lower.startsWith('bc1')) return false;
  const data: number[] = [];
  for (let i = 3; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    const v = c < 128 ? (BECH32_INDEX[c] ?? -1) : -1;
    if (v < 0) return false;
    data.push(v);
  }
  const version = data[0];
  if (version === 0) {
    if (polymod([3, 3, 0, 2, 3, ...data]) !== 1) return false;
  } else if (version === 1) {
    if (lower.length !== 62) return false;
    if (polymod([3, 3, 0, 2, 3, ...data]) !== 0x2bc830a3) return false;
  } else {
    return false;
  }
  return true;
}
