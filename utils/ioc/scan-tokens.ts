/**
 * Token pass: hashes, bitcoin addresses, CVE ids, ASNs and ATT&CK technique ids, all decided
 * on maximal ASCII-alphanumeric runs, so a hash is always a whole hex run (rule 32: never a
 * slice of a longer one) and `T1059` is never read out of a TLSH digest (rule 37). Each run
 * is read once; context checks look at a bounded window around it.
 */

import { isAsciiAlnum, isDash, isDigit, isHexDigit } from './chars';
import type { ScanContext } from './scan-context';
import type { IocType } from './types';
import {
  DIGEST_WORDS,
  GIT_LOG_COMMANDS,
  GIT_WORDS,
  IDENTIFIER_WORDS,
  labelWords,
  precedingWord,
} from './context';
import { isBase58Address, isBech32Address } from './btc';

const KEY_RE = /[Cc][Vv][Ee]|[Tt]\d{4}|AS/g;

const HASH_TYPES = new Map<number, IocType>([
  [32, 'md5'],
  [40, 'sha1'],
  [56, 'sha224'],
  [64, 'sha256'],
  [96, 'sha384'],
  [128, 'sha512'],
]);

/** Lines that contain a `git log`-like command, computed once per text when first needed. */
class GitLines {
  private lines: number[] | null = null;
  private readonly ctx: ScanContext;

  constructor(ctx: ScanContext) {
    this.ctx = ctx;
  }

  private compute(): number[] {
    const v = this.ctx.view;
    const out: number[] = [];
    let from = 0;
    for (;;) {
      const k = v.indexOf('git ', from);
      if (k < 0) break;
      from = k + 4;
      if (k > 0 && isAsciiAlnum(v.charCodeAt(k - 1))) continue;
      let e = k + 4;
      while (
        e < v.length &&
        e - k < 20 &&
        (isAsciiAlnum(v.charCodeAt(e)) || v.charCodeAt(e) === 45)
      )
        e++;
      if (GIT_LOG_COMMANDS.has(v.slice(k + 4, e))) out.push(this.ctx.index.lineOf(k));
    }
    return out;
  }

  /** True when a git log-like command appears in the 50 lines before `line`, same paragraph. */
  near(line: number): boolean {
    if (this.lines === null) this.lines = this.compute();
    const ls = this.lines;
    let lo = 0;
    let hi = ls.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((ls[mid] ?? 0) < line) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0) return false;
    const g = ls[k] ?? 0;
    const idx = this.ctx.index;
    return line - g <= 50 && idx.paraOf(g) === idx.paraOf(line);
  }
}

export function scanTokens(ctx: ScanContext): void {
  const v = ctx.view;
  const n = v.length;
  const git = new GitLines(ctx);
  const idx = ctx.index;
  let skipRunAt = -1;

  /** Words of the label text before [start) and after [end) on the same line (bounded). */
  const around = (
    start: number,
    end: number,
    reach: number,
  ): { before: string[]; after: string[] } => {
    const line = idx.lineOf(start);
    const ls = idx.lineStart(line);
    const le = idx.lineEnd(line);
    return {
      before: labelWords(v.slice(Math.max(ls, start - reach), start)),
      after: labelWords(v.slice(end, Math.min(le, end + reach))),
    };
  };

  /** Rule 34: a 32-hex value labelled as an identifier or key is not an md5. */
  const isIdentifier = (start: number, end: number): boolean => {
    const { before, after } = around(start, end, 80);
    if (before.some((w) => DIGEST_WORDS.has(w))) return false;
    return (
      before.some((w) => IDENTIFIER_WORDS.has(w)) || after.some((w) => IDENTIFIER_WORDS.has(w))
    );
  };

  /** Rule 35: a 40-hex value in a labelled Git context is a commit id, not a sha1. */
  const isGitCommit = (start: number): boolean => {
    if (GIT_WORDS.has(precedingWord(v, start))) return true;
    if (ctx.urlPaths.contains(start)) {
      const path = v.slice(Math.max(0, start - 48), start).toLowerCase();
      if (/\/(?:commits?|tree|blob)\/|commit\/\?id=/.test(path)) return true;
    }
    // git log output: the id starts its line (only indentation before it).
    let k = start;
    while (k > 0 && start - k < 16 && (v.charCodeAt(k - 1) === 32 || v.charCodeAt(k - 1) === 9))
      k--;
    if (k > 0 && v.charCodeAt(k - 1) !== 10) return false;
    return git.near(idx.lineOf(start));
  };

  /**
   * Rule 8: a hash broken over two lines (each half alone at its line end/start) is one hash,
   * when a label just before names the joined type (e.g. "SHA-256:" then two 32-hex lines).
   */
  const tryJoin = (start: number, end: number): boolean => {
    let k = end;
    while (k < n && k - end < 16 && (v.charCodeAt(k) === 32 || v.charCodeAt(k) === 9)) k++;
    if (v.charCodeAt(k) === 13) k++;
    if (v.charCodeAt(k) !== 10) return false;
    k++;
    while (k < n && (v.charCodeAt(k) === 32 || v.charCodeAt(k) === 9)) {
      k++;
      if (k - end > 64) return false;
    }
    const s2 = k;
    while (k < n && k - s2 <= 128 && isHexDigit(v.charCodeAt(k))) k++;
    const e2 = k;
    if (e2 === s2 || isAsciiAlnum(v.charCodeAt(e2))) return false;
    while (k < n && k - e2 < 16 && (v.charCodeAt(k) === 32 || v.charCodeAt(k) === 9)) k++;
    if (k < n && v.charCodeAt(k) !== 10 && v.charCodeAt(k) !== 13) return false;
    const l1 = end - start;
    const l2 = e2 - s2;
    const type = HASH_TYPES.get(l1 + l2);
    if (type === undefined || type === 'md5' || l1 < 16 || l2 < 8) return false;
    const line = idx.lineOf(start);
    const from = idx.lineStart(Math.max(0, line - 1));
    const raw = v.slice(Math.max(from, start - 200), start);
    // Cheap pre-check (hash lists have many adjacent lines): the label must contain the
    // digits of the joined type's name.
    if (!raw.includes(type === 'sha1' ? '1' : type.slice(3))) return false;
    const label = raw.toLowerCase().replace(/[^a-z0-9]/g, '');
    // The label must name the joined type and not the type of a half ("MD5:" over two md5s).
    if (!label.includes(type)) return false;
    const partType = HASH_TYPES.get(l1);
    if (partType !== undefined && label.includes(partType)) return false;
    if (ctx.claims.overlaps(s2, e2)) return false;
    ctx.out.add(type, (v.slice(start, end) + v.slice(s2, e2)).toLowerCase(), start, e2);
    skipRunAt = s2;
    return true;
  };

  const hexRun = (start: number, end: number): void => {
    const len = end - start;
    if (len < 16 || len > 128) return;
    if (ctx.claims.overlaps(start, end)) return;
    // Part of a hyphenated identifier (UUID, trace id): 5f0c2b9e-7a41-…
    if (v.charCodeAt(start - 1) === 45 && isAsciiAlnum(v.charCodeAt(start - 2))) return;
    if (v.charCodeAt(end) === 45 && isAsciiAlnum(v.charCodeAt(end + 1))) return;
    if (tryJoin(start, end)) return;
    const type = HASH_TYPES.get(len);
    if (type === undefined) return;
    // 32 hex (md5) and 56/96 hex (sha224/sha384; also the size of a P-224/P-384 key
    // coordinate or an AES/HMAC key dump) labelled as a key or identifier are not digests.
    if ((type === 'md5' || type === 'sha224' || type === 'sha384') && isIdentifier(start, end))
      return;
    if (type === 'sha1' && isGitCommit(start)) return;
    ctx.out.add(type, v.slice(start, end).toLowerCase(), start, end);
  };

  const mitre = (start: number, end: number): void => {
    const first = v.charCodeAt(start);
    if (first === 116 && v.slice(Math.max(0, start - 7), start).toLowerCase() !== 'attack.') return;
    const num = Number(v.slice(start + 1, end));
    if (num < 1001 || num > 1999) return;
    let stop = end;
    const next = v.charCodeAt(end);
    if ((next === 46 || next === 47) && isDigit(v.charCodeAt(end + 1))) {
      // Sub-technique: T1059.001 (or /techniques/T1059/001 in an ATT&CK URL).
      let k = end + 1;
      while (k < n && k - end <= 4 && isDigit(v.charCodeAt(k))) k++;
      const after = k < n ? v.charCodeAt(k) : 32;
      if (
        k - end - 1 !== 3 ||
        isAsciiAlnum(after) ||
        (after === 46 && isDigit(v.charCodeAt(k + 1)))
      ) {
        if (next === 46) return; // T1059.01, T1059.0001: malformed, no salvage
      } else if (
        next === 46 ||
        v.slice(Math.max(0, start - 12), start).toLowerCase() === '/techniques/'
      ) {
        stop = k;
      }
    }
    ctx.out.add('mitre-attack', v.slice(start, stop).toUpperCase().replace('/', '.'), start, stop);
  };

  const cve = (start: number, end: number): void => {
    if (!isDash(v.charCodeAt(end))) return;
    let k = end + 1;
    const ys = k;
    while (k < n && k - ys < 5 && isDigit(v.charCodeAt(k))) k++;
    if (k - ys !== 4) return;
    const year = Number(v.slice(ys, k));
    if (year < 1999 || year > 2099 || !isDash(v.charCodeAt(k))) return;
    k++;
    const ns = k;
    while (k < n && k - ns < 8 && isDigit(v.charCodeAt(k))) k++;
    if (k - ns < 4 || k - ns > 7 || isAsciiAlnum(v.charCodeAt(k))) return;
    ctx.out.add('cve', 'CVE-' + v.slice(ys, ys + 4) + '-' + v.slice(ns, k), start, k);
  };

  const asn = (start: number, end: number): void => {
    const prev = start > 0 ? v.charCodeAt(start - 1) : 32;
    if (prev === 45 || prev === 95 || prev === 46 || prev === 47) return;
    let ds: number;
    let de: number;
    const prefix = v.charCodeAt(start + 2) === 78 ? 3 : 2; // ASN / AS
    if (end - start > prefix) {
      ds = start + prefix; // AS13335, ASN13335
      de = end;
      for (let k = ds; k < de; k++) if (!isDigit(v.charCodeAt(k))) return;
    } else {
      // "AS 13335", "ASN 13335": one space, then digits.
      if (v.charCodeAt(end) !== 32 || !isDigit(v.charCodeAt(end + 1))) return;
      ds = end + 1;
      de = ds;
      while (de < n && de - ds <= 10 && isDigit(v.charCodeAt(de))) de++;
      if (isAsciiAlnum(v.charCodeAt(de))) return;
    }
    const after = de < n ? v.charCodeAt(de) : 32;
    if ((after === 46 || after === 44) && isDigit(v.charCodeAt(de + 1))) return;
    if (after === 47 || after === 45) return;
    const digits = v.slice(ds, de);
    if (digits.length === 0 || digits.length > 10 || digits.charCodeAt(0) === 48) return;
    if (Number(digits) > 4294967295) return;
    ctx.out.add('asn', 'AS' + digits, start, de);
  };

  const isRunStart = (s: number): boolean => s === 0 || !isAsciiAlnum(v.charCodeAt(s - 1));

  // Hashes and bitcoin addresses are whole alphanumeric runs of 16+ characters. Skip-scan:
  // a run that long covers one of every 16 positions, so only every 16th character is read
  // until one is alphanumeric; then that run is read once, in both directions.
  let i = 15;
  let doneTo = 0;
  while (i < n) {
    if (!isAsciiAlnum(v.charCodeAt(i))) {
      i += 16;
      continue;
    }
    let s = i;
    while (s > doneTo && isAsciiAlnum(v.charCodeAt(s - 1))) s--;
    let e = i + 1;
    let hex = true;
    for (let k = s; k < e && hex; k++) hex = isHexDigit(v.charCodeAt(k));
    while (e < n) {
      const c = v.charCodeAt(e);
      if (!isAsciiAlnum(c)) break;
      if (hex && !isHexDigit(c)) hex = false;
      e++;
    }
    doneTo = e;
    i = e + 16;
    const len = e - s;
    if (len < 16 || s === skipRunAt) continue;
    if (hex) hexRun(s, e);
    const c0 = v.charCodeAt(s);
    // An all-hex run is a hash candidate; a base58 address that is all hex is too unlikely.
    if (!hex && (c0 === 49 || c0 === 51) && len >= 26 && len <= 35) {
      if (ctx.claims.overlaps(s, e)) continue;
      const addr = v.slice(s, e);
      if (isBase58Address(addr)) ctx.out.add('btc', addr, s, e);
    } else if ((len === 42 || len === 62) && (c0 === 98 || c0 === 66)) {
      if (ctx.claims.overlaps(s, e)) continue;
      const addr = v.slice(s, e);
      if (isBech32Address(addr)) ctx.out.add('btc', addr.toLowerCase(), s, e);
    }
  }
  KEY_RE.lastIndex = 0;
  for (let m = KEY_RE.exec(v); m !== null; m = KEY_RE.exec(v)) {
    const start = m.index;
    if (!isRunStart(start)) continue;
    let end = KEY_RE.lastIndex;
    while (end < n && isAsciiAlnum(v.charCodeAt(end))) end++;
    KEY_RE.lastIndex = end; // the rest of this run cannot start another token
    const len = end - start;
    const c0 = v.charCodeAt(start);
    if (len === 5 && (c0 === 84 || c0 === 116)) mitre(start, end);
    else if (len === 3 && (c0 === 67 || c0 === 99)) cve(start, end);
    else if (c0 === 65) asn(start, end);
  }
}
