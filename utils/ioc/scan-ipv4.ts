/**
 * IPv4 and CIDR (corpus rules 14–20, 23), inside the words handed over by the word pass.
 * Reads each maximal dotted-digit sequence once:
 * exactly four groups (or tcpdump's address.port) of at most three digits <= 255, never a
 * sub-match of something longer (OIDs, 256.10.10.1, 10.0.0.300). Versions are recognised by
 * the label in front (v, version, build, FileVersion: …), by a User-Agent product token
 * (Chrome/121.0.0.0), or by a table column named like a version (sensor_version).
 */

import { dotJoinsWord, isAsciiAlnum, isAsciiLetter, isDigit } from './chars';
import type { ScanContext } from './scan-context';
import { isProductToken, isVersionLabel, precedingWord } from './context';
import { isPrivateIpv4 } from './ip';

/** Per-paragraph header of a delimited table, and per-line field offsets, computed lazily. */
class TableColumns {
  private readonly headers = new Map<number, { delim: number; versionCols: Set<number> } | null>();
  private readonly ctx: ScanContext;

  constructor(ctx: ScanContext) {
    this.ctx = ctx;
  }

  // Incremental field counting: candidates on one line arrive left to right, so counting
  // resumes where the previous candidate stopped (linear even for very long lines).
  private curLineStart = -1;
  private curPos = 0;
  private curIdx = 0;
  private curQuoted = false;

  /** Field index of `pos` within its line, splitting on `delim` outside double quotes. */
  private fieldIndex(lineStart: number, pos: number, delim: number): number {
    const v = this.ctx.view;
    if (this.curLineStart !== lineStart || pos < this.curPos) {
      this.curLineStart = lineStart;
      this.curPos = lineStart;
      this.curIdx = 0;
      this.curQuoted = false;
    }
    for (let i = this.curPos; i < pos; i++) {
      const c = v.charCodeAt(i);
      if (c === 34) this.curQuoted = !this.curQuoted;
      else if (c === delim && !this.curQuoted) this.curIdx++;
    }
    this.curPos = pos;
    return this.curIdx;
  }

  private header(
    para: number,
    firstLine: number,
  ): { delim: number; versionCols: Set<number> } | null {
    const cached = this.headers.get(para);
    if (cached !== undefined) return cached;
    const { view: v, index } = this.ctx;
    const start = index.lineStart(firstLine);
    const end = Math.min(index.lineEnd(firstLine), start + 4096);
    const text = v.slice(start, end);
    if (!/ver|build|release/i.test(text)) {
      this.headers.set(para, null);
      return null;
    }
    let result: { delim: number; versionCols: Set<number> } | null = null;
    let best = 0;
    for (const d of [',', '\t', '|', ';']) {
      const parts = text.split(d);
      if (parts.length - 1 > best) {
        best = parts.length - 1;
        const versionCols = new Set<number>();
        parts.forEach((p, k) => {
          const f = p.trim().replace(/^"|"$/g, '').toLowerCase();
          if (f.includes('version') || f === 'ver' || f === 'build' || f === 'release')
            versionCols.add(k);
        });
        result = { delim: d.charCodeAt(0), versionCols };
      }
    }
    if (result !== null && result.versionCols.size === 0) result = null;
    this.headers.set(para, result);
    return result;
  }

  /** True when `pos` sits in a column whose header names a version (rule 17). */
  isVersionColumn(pos: number): boolean {
    const { index } = this.ctx;
    const line = index.lineOf(pos);
    const para = index.paraOf(line);
    const first = index.paraFirstLine(line);
    if (para < 0 || first === line) return false;
    const h = this.header(para, first);
    if (h === null) return false;
    const ls = index.lineStart(line);
    return h.versionCols.has(this.fieldIndex(ls, pos, h.delim));
  }
}

function hostBitsSet(quad: readonly number[], bits: number): boolean {
  const addr =
    (((quad[0] ?? 0) * 256 + (quad[1] ?? 0)) * 256 + (quad[2] ?? 0)) * 256 + (quad[3] ?? 0);
  const hostSize = 2 ** (32 - bits);
  return addr % hostSize !== 0;
}

function nextNonSpace(v: string, i: number): number {
  let k = i;
  while (k < v.length && k - i < 4 && v.charCodeAt(k) === 32) k++;
  return k < v.length ? v.charCodeAt(k) : -1;
}

function prevNonSpace(v: string, i: number): number {
  let k = i - 1;
  while (k >= 0 && i - k < 5 && v.charCodeAt(k) === 32) k--;
  return k >= 0 ? v.charCodeAt(k) : -1;
}

/**
 * The canonical dotted quad: the text itself when no octet has a leading zero (nearly always;
 * no array join per address), else the octets joined.
 */
function dottedQuad(v: string, start: number, quad: readonly number[]): string {
  let k = start;
  for (let g = 0; g < 4; g++) {
    const o = quad[g] ?? 0;
    const len = o < 10 ? 1 : o < 100 ? 2 : 3;
    for (let d = 0; d < len; d++) if (!isDigit(v.charCodeAt(k + d))) return quad.join('.');
    k += len;
    if (g < 3) {
      if (v.charCodeAt(k) !== 46) return quad.join('.');
      k++;
    }
  }
  return isDigit(v.charCodeAt(k)) ? quad.join('.') : v.slice(start, k);
}

/** Returns a function that finds the IPv4 addresses/CIDRs inside the word [from, to). */
export function createIpv4Scanner(ctx: ScanContext): (from: number, to: number) => void {
  const v = ctx.view;
  const n = v.length;
  const tables = new TableColumns(ctx);
  const groupEnds: number[] = [0, 0, 0, 0, 0];
  const octets: number[] = [0, 0, 0, 0, 0];
  return (from: number, to: number): void => {
    let i = from;
    while (i < to) {
      const c = v.charCodeAt(i);
      if (!isDigit(c)) {
        i++;
        continue;
      }
      // Read the whole dotted-digit sequence.
      const start = i;
      let groups = 0;
      let valid = true;
      let j = i;
      for (;;) {
        const gs = j;
        let val = 0;
        while (j < n && isDigit(v.charCodeAt(j))) {
          if (j - gs < 6) val = val * 10 + (v.charCodeAt(j) - 48);
          j++;
        }
        if (groups < 5) {
          groupEnds[groups] = j;
          octets[groups] = j - gs > 5 ? 1e9 : val;
        }
        if (j - gs > 3 && groups < 4) valid = false;
        groups++;
        if (j + 1 < n && v.charCodeAt(j) === 46 && isDigit(v.charCodeAt(j + 1))) {
          j++;
          continue;
        }
        break;
      }
      i = j;
      if (!valid || (groups !== 4 && groups !== 5)) continue;
      if (
        (octets[0] ?? 256) > 255 ||
        (octets[1] ?? 256) > 255 ||
        (octets[2] ?? 256) > 255 ||
        (octets[3] ?? 256) > 255
      )
        continue;
      const prev = start > 0 ? v.charCodeAt(start - 1) : 32;
      // '%': percent-encoded data (never decoded, rule 4), e.g. "%201.2.3.4".
      if (isAsciiLetter(prev) || prev === 95 || prev === 37) continue;
      if (prev === 46 && dotJoinsWord(v, start - 1)) continue;
      const next = j < n ? v.charCodeAt(j) : 32;
      if (isAsciiLetter(next) || next === 95) continue;
      if (
        next === 46 &&
        j + 1 < n &&
        (isAsciiLetter(v.charCodeAt(j + 1)) || v.charCodeAt(j + 1) === 45)
      )
        continue;

      let end = j;
      if (groups === 5) {
        // tcpdump "a.b.c.d.port": only with the notation's markers around it (rule 18).
        const port = octets[4] ?? 1e9;
        if ((groupEnds[4] ?? 0) - (groupEnds[3] ?? 0) - 1 > 5 || port > 65535) continue;
        if (!(next === 58 || nextNonSpace(v, j) === 62 || prevNonSpace(v, start) === 62)) continue;
        end = groupEnds[3] ?? j;
      }
      if (ctx.claims.overlaps(start, end)) continue;

      const quad = [octets[0] ?? 0, octets[1] ?? 0, octets[2] ?? 0, octets[3] ?? 0];
      if (groups === 4 && next === 47 && isDigit(v.charCodeAt(j + 1))) {
        // CIDR a.b.c.d/n (rule 23): reported as written, without an extra ipv4.
        let k = j + 1;
        while (k < n && k - j <= 3 && isDigit(v.charCodeAt(k))) k++;
        const bits = Number(v.slice(j + 1, k));
        const after = k < n ? v.charCodeAt(k) : 32;
        const dottedAfter = after === 46 && isDigit(v.charCodeAt(k + 1));
        // Firewall logs write "iface:addr/port" (outside:203.0.113.5/22): with host bits set
        // after a ':' it is an address and a port, not a network.
        const portLike = prev === 58 && hostBitsSet(quad, bits);
        if (
          k - j - 1 <= 2 &&
          bits <= 32 &&
          !isAsciiAlnum(after) &&
          after !== 47 &&
          !dottedAfter &&
          !portLike
        ) {
          ctx.out.add('cidr', v.slice(start, k), start, k, isPrivateIpv4(quad));
          continue;
        }
      }
      if (isVersionLabel(precedingWord(v, start)) || prevNonSpace(v, start) === 0xa7) continue; // § 4.2.1.1
      if (prev === 47 && isProductToken(v, start - 1)) continue;
      if (tables.isVersionColumn(start)) continue;
      ctx.out.add('ipv4', dottedQuad(v, start, quad), start, end, isPrivateIpv4(quad));
    }
  };
}
