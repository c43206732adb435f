/**
 * SSDEEP fuzzy hashes (issue 15): `blocksize:hash:hash`, e.g.
 * `96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sfF1LjEtHHlZDrw1mA+4uyd+X`.
 * Recognised inside the IPv6 pass (which visits every colon): a run of digits right before a
 * colon is tried as a block size. Reported as written (the hash is case-sensitive base64).
 * Validation and false-positive rules:
 * - the block size is 3·2^k (3, 6, 12, 24 … 3·2^30), written without leading zeros;
 * - both hashes are whole runs of base64 characters `A–Z a–z 0–9 + /`: the first 6–64, the
 *   second 2–64 long, and the value is not followed by another `:` (times `12:30:45`,
 *   `host:port:path` triples, IPv6 fragments);
 * - the first hash mixes at least two of upper-case letters, lower-case letters and digits
 *   or `+` (a path or a word such as `/usr/local/bin` is not a hash);
 * - the block size does not follow a word character, `:`, `/`, `.`, `+`, `-` or `_` (a port or a
 *   path segment: `host:3072/x:y`).
 */

import { isAsciiAlnum, isDigit } from './chars';
import type { ScanContext } from './scan-context';

function isB64(c: number): boolean {
  return isAsciiAlnum(c) || c === 43 || c === 47;
}

function isBlockSize(digits: string): boolean {
  if (digits.length === 0 || digits.length > 10 || digits.charCodeAt(0) === 48) return false;
  const n = Number(digits);
  if (n % 3 !== 0) return false;
  const q = n / 3;
  return q >= 1 && q <= 2 ** 30 && (q & (q - 1)) === 0;
}

/**
 * Tries an ssdeep hash whose block size ends at `colon`. Returns the end of the reported value
 * (view offset), or -1.
 */
export function ssdeepAt(ctx: ScanContext, colon: number): number {
  const v = ctx.view;
  const n = v.length;
  let s = colon;
  while (s > 0 && colon - s <= 10 && isDigit(v.charCodeAt(s - 1))) s--;
  if (s === colon || colon - s > 10) return -1;
  if (s > 0) {
    const prev = v.charCodeAt(s - 1);
    if (isAsciiAlnum(prev) || prev === 58 || prev === 47 || prev === 46 || prev === 43) return -1;
    if (prev === 45 || prev === 95) return -1;
  }
  if (!isBlockSize(v.slice(s, colon))) return -1;
  const h1 = colon + 1;
  let k = h1;
  let upper = 0;
  let lower = 0;
  let other = 0;
  while (k < n && k - h1 <= 64) {
    const c = v.charCodeAt(k);
    if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 97 && c <= 122) lower = 1;
    else if (isDigit(c) || c === 43) other = 1;
    else if (c !== 47) break;
    k++;
  }
  const len1 = k - h1;
  if (len1 < 6 || len1 > 64 || v.charCodeAt(k) !== 58) return -1;
  if (upper + lower + other < 2) return -1;
  const h2 = k + 1;
  k = h2;
  while (k < n && k - h2 <= 64 && isB64(v.charCodeAt(k))) k++;
  const len2 = k - h2;
  if (len2 < 2 || len2 > 64) return -1;
  if (k < n && (v.charCodeAt(k) === 58 || v.charCodeAt(k) === 95 || v.charCodeAt(k) === 61))
    return -1;
  if (ctx.claims.overlaps(s, k)) return -1;
  ctx.out.add('ssdeep', v.slice(s, k), s, k);
  return k;
}
