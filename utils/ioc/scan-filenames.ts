/**
 * File names (issue 15): a name ending in an executable, script, document or archive
 * extension (FILENAME_EXTENSIONS). Candidates are the dotted words of the word pass, so a path
 * yields its last component (`C:\Users\Public\svc.exe` -> `svc.exe`, `/tmp/x.sh` -> `x.sh`).
 * Reported as written (case kept, one IOC per spelling).
 *
 * Name vs domain (`.zip`, `.py`, `.sh`, `.one`, `.so` are also TLDs): a value is one type per
 * document. The domain pass decides first (defanged, URL host, domain wording or a domain list
 * around it, corpus rules 27 and README rules 6–7); a name it reports as a domain anywhere in the
 * document is not a file name. Every other name with one of these extensions is a file name.
 * `.com` is not a file extension here (a DOS program and a domain are not told apart by text).
 *
 * False-positive rules:
 * - the part before the extension must contain a letter or digit: `.exe`, `*.exe`,
 *   `%TEMP%.exe` are an extension, a glob and a variable, not names;
 * - the extension is lower- or upper-case as a whole (`.exe`, `.EXE`): `file.Doc` is a sentence
 *   glued by a missing space;
 * - inside a URL (the URL is the IOC) or an e-mail address, nothing is reported;
 * - `Word.js` (one capitalised word before `.js`: Node.js, Vue.js, Next.js) is a product name;
 * - characters of a name: letters (Latin, Greek, Cyrillic), digits, `. - _` and `~` (8.3 names
 *   such as `PROGRA~1.EXE`); a name longer than 255 characters is not taken.
 */

import { isAsciiAlnum } from './chars';
import { hostnameToAscii } from './hostname';
import type { ScanContext } from './scan-context';

/** Executable, script, document and archive extensions (lower case). */
export const FILENAME_EXTENSIONS: ReadonlySet<string> = new Set([
  // executables and libraries
  'exe', 'dll', 'sys', 'scr', 'cpl', 'ocx', 'drv', 'efi', 'msi', 'msix', 'msp', 'appx',
  'so', 'dylib', 'ko', 'elf', 'bin', 'apk', 'ipa', 'dmg', 'pkg', 'deb', 'rpm', 'jar', 'xll',
  // scripts and shortcuts
  'ps1', 'psm1', 'psd1', 'bat', 'cmd', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta',
  'sh', 'py', 'rb', 'php', 'asp', 'aspx', 'jsp', 'lnk', 'scf', 'inf', 'reg', 'chm',
  // documents
  'doc', 'docx', 'docm', 'dot', 'dotm', 'xls', 'xlsx', 'xlsm', 'xlsb', 'xlam', 'ppt', 'pptx',
  'pptm', 'pdf', 'rtf', 'one', 'odt', 'ods', 'odp',
  // archives and disk images
  'zip', 'rar', '7z', 'gz', 'tgz', 'tar', 'bz2', 'xz', 'cab', 'iso', 'img', 'vhd', 'vhdx',
  'arj', 'lzh', 'ace', 'zipx',
]); // prettier-ignore

/** 1–10 for digits, 11–36 for letters (either case). */
function extDigit(c: number): number {
  return c <= 57 ? c - 47 : (c | 32) - 86;
}

function extKey(ext: string): number {
  let key = 0;
  for (let k = 0; k < ext.length; k++) key = key * 37 + extDigit(ext.charCodeAt(k));
  return key;
}

const JS_KEY = extKey('js');
const EXTENSION_KEYS: ReadonlySet<number> = new Set([...FILENAME_EXTENSIONS].map(extKey));

interface Candidate {
  start: number;
  end: number;
  value: string;
}

export interface FilenameScanner {
  consider(i: number, j: number): void;
  finish(): void;
}

function isLowerWord(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

export function createFilenameScanner(ctx: ScanContext): FilenameScanner | null {
  if (!ctx.out.enabled('filename')) return null;
  const v = ctx.view;
  const found: Candidate[] = [];

  const consider = (i: number, j: number): void => {
    let a = i;
    let b = j;
    while (b > a && v.charCodeAt(b - 1) === 46) b--;
    // The extension: 1–5 ASCII letters/digits after the last dot (read from the end, since
    // most dotted words end in a TLD or another extension and are rejected here).
    let dot = b - 1;
    while (dot > a && b - dot <= 6 && isAsciiAlnum(v.charCodeAt(dot))) dot--;
    if (dot <= a || v.charCodeAt(dot) !== 46 || b - dot < 2 || b - dot > 6) return;
    // Looked up by a number packed from the characters: no string per dotted word.
    let key = 0;
    let upper = false;
    let lowerCase = false;
    for (let k = dot + 1; k < b; k++) {
      const c = v.charCodeAt(k);
      if (c >= 65 && c <= 90) upper = true;
      else if (c >= 97 && c <= 122) lowerCase = true;
      key = key * 37 + extDigit(c);
    }
    if (!EXTENSION_KEYS.has(key) || (upper && lowerCase)) return;
    // 8.3 short names: PROGRA~1.EXE
    while (a > 0 && i - a < 255) {
      const c = v.charCodeAt(a - 1);
      if (c === 126 || isAsciiAlnum(c) || c === 95 || c === 45) a--;
      else break;
    }
    while (a < dot && v.charCodeAt(a) === 46) a++;
    if (b - a > 255) return;
    let named = false;
    for (let k = a; k < dot && !named; k++) {
      const c = v.charCodeAt(k);
      named = isAsciiAlnum(c) || c >= 0x80;
    }
    if (!named) return;
    const prev = a > 0 ? v.charCodeAt(a - 1) : 32;
    if (prev === 42 || prev === 37) return; // *.exe glob, %VAR%.exe
    if (ctx.claims.overlaps(a, b) || ctx.urlPaths.contains(a)) return;
    const stem = v.slice(a, dot);
    if (key === JS_KEY && stem.length > 1) {
      const c0 = stem.charCodeAt(0);
      if (c0 >= 65 && c0 <= 90 && isLowerWord(stem.slice(1))) return;
    }
    found.push({ start: a, end: b, value: v.slice(a, b) });
  };

  const finish = (): void => {
    const hostOf = new Map<string, boolean>();
    for (const f of found) {
      let isDomain = hostOf.get(f.value);
      if (isDomain === undefined) {
        const ascii = hostnameToAscii(f.value);
        isDomain = ascii !== null && ctx.out.has('domain', ascii);
        hostOf.set(f.value, isDomain);
      }
      if (!isDomain) ctx.out.add('filename', f.value, f.start, f.end);
    }
  };

  return { consider, finish };
}
