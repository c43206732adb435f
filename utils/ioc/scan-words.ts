/**
 * Word pass: domains and IPv4 addresses both live in maximal runs of host-name characters
 * that contain a dot. The pass jumps from dot to dot with indexOf (native speed over plain
 * prose), expands each dot to its word once, and hands the word to the domain and IPv4
 * scanners. Words never overlap, so every character is read a bounded number of times.
 */

import { CHAR_CLASS, WORD } from './chars';
import type { ScanContext } from './scan-context';
import { createDomainScanner } from './scan-domains';
import { createIpv4Scanner } from './scan-ipv4';
import { createFilenameScanner } from './scan-filenames';
import { macInWord } from './scan-mac';
import { createIdnScanner } from './scan-idn';

/** A letter of a script the word pass does not read (see scan-idn.ts). */
function isIdnNeighbour(c: number): boolean {
  return c >= 0x530 && (CHAR_CLASS[c]! & WORD) === 0;
}

export function scanWords(ctx: ScanContext): void {
  const v = ctx.view;
  const n = v.length;
  const domains = createDomainScanner(ctx);
  const ipv4 = createIpv4Scanner(ctx);
  const files = createFilenameScanner(ctx);
  const mac = ctx.out.enabled('mac');
  const idn = ctx.out.enabled('domain') ? createIdnScanner(ctx) : null;
  let from = 0;
  let done = 0;
  for (;;) {
    const p = v.indexOf('.', from);
    if (p < 0) break;
    let s = p;
    let dots = 1;
    // CHAR_CLASS covers every UTF-16 code unit, so the lookup never misses.
    while (s > done) {
      const c = v.charCodeAt(s - 1);
      if ((CHAR_CLASS[c]! & WORD) === 0) break;
      s--;
      if (c === 46) dots++;
    }
    let e = p + 1;
    while (e < n) {
      const c = v.charCodeAt(e);
      if ((CHAR_CLASS[c]! & WORD) === 0) break;
      if (c === 46) dots++;
      e++;
    }
    done = e;
    from = e + 1;
    // A word that starts or ends with a dot touching a letter this pass does not read (CJK,
    // Arabic, Hebrew …): the IDN scanner reads that name, with the ASCII labels it takes.
    if (idn !== null) {
      const dot =
        v.charCodeAt(s) === 46 && s > 0 && isIdnNeighbour(v.charCodeAt(s - 1))
          ? s
          : v.charCodeAt(e - 1) === 46 && e < n && isIdnNeighbour(v.charCodeAt(e))
            ? e - 1
            : -1;
      const end = dot >= 0 ? idn(dot) : -1;
      if (end > 0) {
        done = Math.max(e, end);
        from = done;
        continue;
      }
    }
    domains.consider(s, e);
    if (dots >= 3) ipv4(s, e);
    if (mac && e - s >= 14 && e - s <= 16) macInWord(ctx, s, e);
    if (files !== null) files.consider(s, e);
  }
  domains.finish();
  files?.finish();
}
