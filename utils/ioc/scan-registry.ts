/**
 * Windows registry keys (issue 15): a hive root (`HKEY_LOCAL_MACHINE`, `HKEY_CURRENT_USER`,
 * `HKEY_CLASSES_ROOT`, `HKEY_USERS`, `HKEY_CURRENT_CONFIG` or `HKLM`, `HKCU`, `HKCR`, `HKU`,
 * `HKCC`, any case, optionally as a PowerShell drive `HKLM:`) followed by `\` and at least one
 * key name, with the rest of its path. Found by one native regex on the root (a literal `HK`).
 *
 * Normal form (what STIX `windows-registry-key.key` asks for): the hive fully expanded in
 * upper case (`HKLM` -> `HKEY_LOCAL_MACHINE`), the PowerShell `:` dropped, doubled backslashes
 * (`\\` from JSON or C strings) collapsed, no trailing `\`; the path keeps its case.
 *
 * Where a key ends (false-positive rules):
 * - a key name may contain a space only when the words after it reach the next `\` within
 *   three single spaces, with no `: , ; .` and no hive root among them (`Windows NT\`,
 *   `Image File Execution Options\`), so `…\Run and drops C:\x.exe` ends at `Run`; the last
 *   name ends at the first space (`…\Shell Extensions registry key` gives `…\Shell`);
 * - a placeholder name in angle brackets (`HKEY_USERS\<USER SID>\Software`) is kept, and the
 *   hive may be written `<HKCU>\` (sandbox reports);
 * - quotes (also “” ‘’ «»), backticks, `<`, `>`, `|`, control characters and line breaks end
 *   the key;
 * - trailing sentence punctuation `. , ; : ! ?` and a closing bracket without its opener in
 *   the key are not part of it; a root with no key name (`HKLM\`) is not reported;
 * - the root must not follow a letter, digit or `_` (`XHKLM\…`).
 * A dot between two names is kept as written (`\.NETFramework` would be refanged by the
 * `dot-backslash` rule only when a label character precedes the backslash; see README).
 */

import { isAsciiAlnum } from './chars';
import type { ScanContext } from './scan-context';

const ROOT_RE =
  /HK(?:EY_(?:LOCAL_MACHINE|CURRENT_USER|CLASSES_ROOT|USERS|CURRENT_CONFIG)|LM|CU|CR|U|CC)(?::|>)?\\/gi;

const HIVES: Record<string, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

/** Longest key name Windows allows. */
const MAX_NAME = 255;
/** Longest path taken (Windows allows more, text rarely has it). */
const MAX_KEY = 2048;

function endsKey(c: number): boolean {
  if (c >= 0x80) {
    // typographic quotes: “…” ‘…’ «…»
    return c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0xab || c === 0xbb;
  }
  return (
    c < 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 124 || c === 127
  );
}

/** Normal form of a registry key as the scanner cuts it; null when it has no key name. */
export function normaliseRegistryKey(raw: string): string | null {
  const s = raw.trim();
  const sep = s.indexOf('\\');
  if (sep < 0) return null;
  let root = s.slice(0, sep).toUpperCase();
  if (root.startsWith('<') && root.endsWith('>')) root = root.slice(1, -1);
  if (root.endsWith(':')) root = root.slice(0, -1);
  const hive = HIVES[root] ?? (root.startsWith('HKEY_') ? root : null);
  if (hive === null) return null;
  const names = s
    .slice(sep + 1)
    .split('\\')
    .filter((x) => x.length > 0);
  if (names.length === 0) return null;
  return hive + '\\' + names.join('\\');
}

/**
 * True when the space at `sp` continues a key name: words (single spaces, at most three) up
 * to the next backslash, with no sentence punctuation (`: , ; .`) and no hive root among them,
 * so `…\Run and drops C:\x.exe` and `…\Run and edits HKLM\…` end at `Run`.
 */
function spaceContinues(v: string, sp: number, limit: number): boolean {
  let k = sp;
  let spaces = 0;
  while (k < limit) {
    const c = v.charCodeAt(k);
    if (c === 92) return spaces > 0;
    if (c === 32) {
      spaces++;
      if (spaces > 3) return false;
      const d = v.charCodeAt(k + 1);
      const ok = isAsciiAlnum(d) || d === 123 || d === 40 || d === 95 || d >= 0x80;
      if (!ok) return false;
      if ((d | 32) === 104 && (v.charCodeAt(k + 2) | 32) === 107) return false; // HK… root
    } else if (endsKey(c) || c === 58 || c === 44 || c === 59 || c === 46) return false;
    k++;
  }
  return false;
}

/**
 * A placeholder name such as `<USER SID>` or `<SID>` right after a backslash: the index after
 * its `>` when a backslash follows it, else -1.
 */
function placeholderEnd(v: string, lt: number): number {
  for (let k = lt + 1; k < v.length && k - lt <= 64; k++) {
    const c = v.charCodeAt(k);
    if (c === 62) return v.charCodeAt(k + 1) === 92 ? k + 1 : -1;
    if (c < 32 || c === 60 || c === 92) return -1;
  }
  return -1;
}

export function scanRegistry(ctx: ScanContext): void {
  if (!ctx.out.enabled('registry-key')) return;
  const v = ctx.view;
  const n = v.length;
  ROOT_RE.lastIndex = 0;
  for (let m = ROOT_RE.exec(v); m !== null; m = ROOT_RE.exec(v)) {
    let start = m.index;
    if (start > 0) {
      const prev = v.charCodeAt(start - 1);
      if (isAsciiAlnum(prev) || prev === 95) continue;
    }
    // `<HKCU>\…` (sandbox reports write the hive in angle brackets)
    const bracketed = v.charCodeAt(ROOT_RE.lastIndex - 2) === 62;
    if (bracketed) {
      if (start === 0 || v.charCodeAt(start - 1) !== 60) continue;
      start--;
    }
    let k = ROOT_RE.lastIndex;
    let nameStart = k;
    while (k < n && k - start < MAX_KEY) {
      const c = v.charCodeAt(k);
      if (c === 92) {
        nameStart = k + 1;
        k++;
        continue;
      }
      if (c === 60 && k === nameStart) {
        const after = placeholderEnd(v, k);
        if (after > 0) {
          k = after;
          continue;
        }
      }
      if (endsKey(c)) break;
      if (c === 32 || c === 0xa0) {
        if (!spaceContinues(v, k, Math.min(n, nameStart + MAX_NAME))) break;
      }
      if (k - nameStart >= MAX_NAME) break;
      k++;
    }
    let end = k;
    // Sentence punctuation and unmatched closing brackets at the end are not part of the key.
    for (;;) {
      const c = v.charCodeAt(end - 1);
      if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 92) {
        end--;
        continue;
      }
      const open = c === 41 ? '(' : c === 93 ? '[' : c === 125 ? '{' : '';
      if (open !== '' && !v.slice(start, end).includes(open)) {
        end--;
        continue;
      }
      break;
    }
    ROOT_RE.lastIndex = Math.max(k, start + 1);
    const value = normaliseRegistryKey(v.slice(start, end));
    if (value === null) continue;
    ctx.out.add('registry-key', value, start, end);
  }
}
