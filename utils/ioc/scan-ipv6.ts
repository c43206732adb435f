/**
 * IPv6 pass (corpus rules 21, 22). Candidates are maximal runs of hex digits, ':' and '.'
 * around a colon (found with indexOf) holding at least two colons, delimited by non-word characters (so `std::vector` and
 * `Foo::Bar` never start a candidate). Strict parsing rejects MACs, times and SIDs; an
 * IPv4-mapped address is reported as its IPv4. Each character belongs to one run: linear.
 */

import { dotJoinsWord, isAsciiAlnum, isDigit, isHexDigit } from './chars';
import type { ScanContext } from './scan-context';
import { parseIpv6 } from './ip';
import { macInColonRun } from './scan-mac';
import { ssdeepAt } from './scan-ssdeep';

function isZoneChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 95 || c === 45 || c === 46;
}

function isRunChar(c: number): boolean {
  return c === 58 || c === 46 || isHexDigit(c);
}

export function scanIpv6(ctx: ScanContext): void {
  const v = ctx.view;
  const n = v.length;
  const mac = ctx.out.enabled('mac');
  const ssdeep = ctx.out.enabled('ssdeep');
  let from = 0;
  let done = 0;
  for (;;) {
    // Driven by ':' (found natively); the run around it is read once, then skipped.
    const p = v.indexOf(':', from);
    if (p < 0) break;
    let runStart = p;
    while (runStart > done && isRunChar(v.charCodeAt(runStart - 1))) runStart--;
    let j = p;
    let colons = 0;
    while (j < n) {
      const d = v.charCodeAt(j);
      if (d === 58) colons++;
      else if (!isHexDigit(d) && d !== 46) break;
      j++;
    }
    done = j;
    from = j + 1;
    if (ssdeep && isDigit(v.charCodeAt(p - 1))) {
      const e = ssdeepAt(ctx, p);
      if (e > 0) {
        done = Math.max(done, e);
        from = Math.max(from, e);
        continue;
      }
    }
    while (runStart < p && v.charCodeAt(runStart) === 46) runStart++;
    if (colons < 2) continue;
    const prev = runStart > 0 ? v.charCodeAt(runStart - 1) : 32;
    if (isAsciiAlnum(prev) || prev === 95) continue;
    if (prev === 46 && dotJoinsWord(v, runStart - 1)) continue;
    // A sentence may end right after an address ("… is ::1."); a lone trailing ':' is prose.
    let end = j;
    while (end > runStart && v.charCodeAt(end - 1) === 46) end--;
    if (v.charCodeAt(end - 1) === 58 && v.charCodeAt(end - 2) !== 58) end--;
    let spanEnd = end;
    if (end === j && v.charCodeAt(end) === 37) {
      // zone index: fe80::1%eth0
      let z = end + 1;
      while (z < n && z - end < 32 && isZoneChar(v.charCodeAt(z))) z++;
      while (z > end + 1 && v.charCodeAt(z - 1) === 46) z--;
      if (z > end + 1) spanEnd = z;
    }
    const next = spanEnd < n ? v.charCodeAt(spanEnd) : 32;
    if (isAsciiAlnum(next) || next === 95) continue;
    if (end - runStart > 45) continue;
    if (ctx.claims.overlaps(runStart, spanEnd)) continue;
    if (mac && colons === 5 && spanEnd === end && macInColonRun(ctx, runStart, end)) continue;
    const parsed = parseIpv6(v.slice(runStart, end));
    if (parsed === null) continue;
    ctx.claims.add(runStart, spanEnd);
    ctx.out.add(
      parsed.version === 4 ? 'ipv4' : 'ipv6',
      parsed.value,
      runStart,
      spanEnd,
      parsed.private,
    );
  }
}
