/**
 * MAC addresses (issue 15): `00:1a:2b:3c:4d:5e`, `00-1A-2B-3C-4D-5E` and Cisco's
 * `001a.2b3c.4d5e`. Reported as lower-case colon-separated MAC-48, the form Intel Exchange's
 * `mac-addr` (STIX) uses. The colon form is recognised inside the IPv6 pass (it reads every
 * hex/colon run anyway), the dotted form inside the word pass, the dash form by its own
 * indexOf('-') walk. Each form must be a whole run: six 2-hex groups (three 4-hex groups)
 * with one separator, not a window of a longer byte string (a certificate fingerprint
 * `AB:CD:…`, rule 36 of the corpus), and never inside an IPv6 address (claimed first).
 * False-positive rules:
 * - all-zero `00:00:00:00:00:00` and broadcast `ff:ff:ff:ff:ff:ff` are placeholders, not IOCs;
 * - a dash or dotted form made of digits only (`12-34-56-78-90-12`, `2023.1104.1530`: phone
 *   numbers, dates, versions) is taken only when a MAC label (`mac`, `hwaddr`, `ether`,
 *   `physical`, `bssid` …) precedes it on its line. Colon forms of digits only are taken.
 */

import { isAsciiAlnum, isHexDigit } from './chars';
import { labelWords } from './context';
import type { ScanContext } from './scan-context';

const MAC_LABELS = new Set([
  'mac',
  'macs',
  'macaddr',
  'macaddress',
  'hwaddr',
  'hw',
  'ether',
  'ethernet',
  'physical',
  'bssid',
  'oui',
  'hardware',
  'lladdr',
  'station',
]);

/** Lower-case colon form of a MAC written with ':', '-' or Cisco dots; null if malformed. */
export function normaliseMac(raw: string): string | null {
  let hex = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isHexDigit(c)) hex += raw[i];
    else if (c !== 58 && c !== 45 && c !== 46) return null;
  }
  if (hex.length !== 12) return null;
  hex = hex.toLowerCase();
  let out = hex.slice(0, 2);
  for (let k = 2; k < 12; k += 2) out += ':' + hex.slice(k, k + 2);
  return out;
}

function hasHexLetter(v: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = v.charCodeAt(k) | 32;
    if (c >= 97 && c <= 102) return true;
  }
  return false;
}

/** A MAC label among the (at most 40) characters before `start` on its line. */
function labelled(ctx: ScanContext, start: number): boolean {
  const idx = ctx.index;
  const ls = idx.lineStart(idx.lineOf(start));
  const words = labelWords(ctx.view.slice(Math.max(ls, start - 40), start));
  return words.some((w) => MAC_LABELS.has(w));
}

/** Reports [start, end) (already checked for shape and run boundaries) when it passes. */
function report(ctx: ScanContext, start: number, end: number, digitsNeedLabel: boolean): void {
  if (ctx.claims.overlaps(start, end)) return;
  const value = normaliseMac(ctx.view.slice(start, end));
  if (value === null || value === '00:00:00:00:00:00' || value === 'ff:ff:ff:ff:ff:ff') return;
  if (digitsNeedLabel && !hasHexLetter(ctx.view, start, end) && !labelled(ctx, start)) return;
  ctx.out.add('mac', value, start, end);
}

/** Six 2-hex groups separated by `sep` at [start, start + 17). */
function isGrouped(v: string, start: number, sep: number): boolean {
  for (let g = 0; g < 6; g++) {
    const k = start + g * 3;
    if (!isHexDigit(v.charCodeAt(k)) || !isHexDigit(v.charCodeAt(k + 1))) return false;
    if (g < 5 && v.charCodeAt(k + 2) !== sep) return false;
  }
  return true;
}

/**
 * Colon form, called by the IPv6 pass with a maximal run [start, end) of hex digits, colons and
 * dots whose boundaries it has checked (no word character on either side).
 */
export function macInColonRun(ctx: ScanContext, start: number, end: number): boolean {
  if (end - start !== 17 || !isGrouped(ctx.view, start, 58)) return false;
  report(ctx, start, end, false);
  return true;
}

/**
 * Cisco form, called by the word pass with a trimmed dotted word [start, end): exactly three
 * groups of four hex digits.
 */
export function macInWord(ctx: ScanContext, wordStart: number, wordEnd: number): void {
  const v = ctx.view;
  let start = wordStart;
  let end = wordEnd;
  // A sentence dot after it, a list dot before it.
  while (end > start && v.charCodeAt(end - 1) === 46) end--;
  while (start < end && v.charCodeAt(start) === 46) start++;
  if (end - start !== 14) return;
  if (v.charCodeAt(start + 4) !== 46 || v.charCodeAt(start + 9) !== 46) return;
  for (let k = start; k < end; k++)
    if (k !== start + 4 && k !== start + 9 && !isHexDigit(v.charCodeAt(k))) return;
  report(ctx, start, end, true);
}

/** Dash form: its own walk over the hyphens of the view. */
export function scanMacDashes(ctx: ScanContext): void {
  if (!ctx.out.enabled('mac')) return;
  const v = ctx.view;
  const n = v.length;
  let from = 0;
  for (;;) {
    const p = v.indexOf('-', from);
    if (p < 0) break;
    from = p + 1;
    // p is the first separator of a MAC: hh-hh-hh-hh-hh-hh
    if (v.charCodeAt(p + 3) !== 45 || v.charCodeAt(p + 12) !== 45) continue;
    const start = p - 2;
    if (start < 0 || !isGrouped(v, start, 45)) continue;
    const end = start + 17;
    from = end;
    const prev = start > 0 ? v.charCodeAt(start - 1) : 32;
    const next = end < n ? v.charCodeAt(end) : 32;
    if (isAsciiAlnum(prev) || prev === 95) continue;
    if (isAsciiAlnum(next) || next === 95) continue;
    // A window of a longer run of dash-separated bytes.
    if (prev === 45 && isHexDigit(v.charCodeAt(start - 2))) continue;
    if (next === 45 && isHexDigit(v.charCodeAt(end + 1))) continue;
    report(ctx, start, end, true);
  }
}
