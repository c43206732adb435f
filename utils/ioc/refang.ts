/**
 * Table-driven refanging that works in place: the text is copied into a "view" in which every
 * recognised defang token is replaced by its plain form, and an OffsetMap remembers where each
 * replacement came from. Scanners then work on the view, and every IOC they find is mapped back
 * to the exact original characters (so `original` and `spans` point at what the analyst sees).
 *
 * One rule per defang style. Each rule lists its literal forms (matched ASCII-case-insensitively,
 * after full-width forms are folded to ASCII), its replacement, an optional context condition,
 * and examples that the unit tests run. Matching is a single left-to-right pass: at each
 * position only the rules whose first character matches are tried, and every pattern has a
 * bounded length, so the pass is linear in the text length.
 */

import { OffsetMapBuilder, type OffsetMap } from './offset-map';
import { LOCAL, URL, has, isAsciiAlnum, isAsciiLetter, isLabelChar, lowerAscii } from './chars';
import { isPublicTld } from './hostname';
import { labelToAscii } from './punycode';

export type RefangKind = 'scheme' | 'separator' | 'dot' | 'at' | 'wrap';

export interface RefangState {
  /** End of the last spelled-out " dot " chain evaluated, and its verdict (see spelledDot). */
  dotChainEnd: number;
  dotChainOk: boolean;
}

export interface RefangRule {
  readonly id: string;
  readonly kind: RefangKind;
  readonly description: string;
  /** Literal forms in lower case. */
  readonly patterns: readonly string[];
  readonly replacement: string;
  /** Extra context condition; `start`/`end` delimit the matched token in the original text. */
  readonly when?: (text: string, start: number, end: number, state: RefangState) => boolean;
  /** [defanged, refanged] pairs; every one is checked by the unit tests. */
  readonly examples: readonly (readonly [string, string])[];
  /** Inputs that must come out unchanged (the rule's condition says no). */
  readonly counterExamples?: readonly string[];
}

/**
 * Full-width sentence punctuation of CJK text (`，：；（）！？`). NFKC would make them ASCII,
 * but the corpus treats them as terminators that are never part of an IOC (rule 11): after
 * "…/x.exe，C2为" the URL must stop at the comma. They are left unfolded.
 */
const CJK_TERMINATORS = new Set([0xff01, 0xff08, 0xff09, 0xff0c, 0xff1a, 0xff1b, 0xff1f]);

/**
 * Unicode compatibility folding applied before anything else (corpus rule 11, "text is read
 * after NFKC"), limited to what matters for IOCs and keeps one code unit per character:
 * full-width ASCII forms (U+FF01–FF5E, e.g. `＠`, `．`, `１`) become ASCII and Unicode spaces
 * become a plain space. CJK punctuation (`。`, `、`, `「」`, and the full-width `，：；（）！？`)
 * is left alone, so it keeps terminating IOCs.
 */
export function mapCode(c: number): number {
  if (c < 0x80) return c;
  if (c >= 0xff01 && c <= 0xff5e) return CJK_TERMINATORS.has(c) ? c : c - 0xfee0;
  if (c === 0x3000 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f)
    return 0x20;
  return c;
}

function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? mapCode(text.charCodeAt(i)) : -1;
}

function followedBySchemeSeparator(text: string, end: number): boolean {
  return (
    text.startsWith('://', end) || text.startsWith('[:]//', end) || text.startsWith('[://]', end)
  );
}

/**
 * After a `__` standing for `://` (`hxxps__evil.com`): a host must follow, i.e. a label
 * character and, within one bounded host-name run, a dot between label characters. snake_case
 * identifiers (`hxxp__handler`, `h__p__x`) have no dot and stay unchanged.
 */
function followedByUnderscoreHost(text: string, end: number): boolean {
  if (!isAsciiAlnum(codeAt(text, end))) return false;
  for (let q = end + 1; q < text.length && q - end < 254; q++) {
    const c = codeAt(text, q);
    if (c === 46) return isLabelChar(codeAt(text, q + 1)) && isLabelChar(codeAt(text, q - 1));
    if (!isLabelChar(c)) return false;
  }
  return false;
}

const atWordStart = (t: string, s: number): boolean =>
  !isAsciiAlnum(codeAt(t, s - 1)) && codeAt(t, s - 1) !== 95;

// Left-hand words that make "<word> dot <tld>" prose rather than a spelled-out domain.
const DOT_STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'each',
  'every',
  'one',
  'per',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'with',
  'and',
  'or',
  'no',
  'not',
  'is',
  'was',
  'be',
  'as',
  'it',
  'its',
  'last',
  'first',
  'next',
  'single',
  'trailing',
  'leading',
  'final',
  'red',
  'green',
  'blue',
  'black',
  'white',
  'small',
  'big',
  'tiny',
  'little',
  'his',
  'her',
  'their',
  'our',
  'your',
  'my',
  'same',
  'other',
  'another',
  'new',
  'old',
  'second',
  'third',
]);

/**
 * Corpus rule 10: a spelled-out " dot " is a defang only when the name it builds ends in a
 * public TLD ("beacon-relay dot ru"), not in prose ("the last dot defanged"). Looks ahead over
 * the chain of labels joined by " dot " or "." (at most 10 labels of at most 63 characters)
 * and caches the verdict for the rest of the chain, so the work per character stays bounded.
 */
function spelledDot(text: string, start: number, end: number, state: RefangState): boolean {
  if (start < state.dotChainEnd) return state.dotChainOk;
  let a = start;
  while (a > 0 && start - a < 64 && isLabelChar(codeAt(text, a - 1))) a--;
  if (start - a >= 64) return false;
  // Edge hyphens are trimmed off a domain, so they must not decide the stop-word check either
  // (the verdict has to be the same when the domain's own text is refanged alone).
  while (a < start && text.charCodeAt(a) === 45) a++;
  if (a === start) return false;
  if (!hasLetter(text, a, start) || DOT_STOPWORDS.has(text.slice(a, start).toLowerCase()))
    return false;
  let p = end;
  let last = '';
  let q = p;
  for (let labels = 1; ; labels++) {
    q = p;
    while (q < text.length && q - p < 64 && isLabelChar(codeAt(text, q))) q++;
    if (q === p || q - p >= 64) {
      state.dotChainEnd = q;
      state.dotChainOk = false;
      return false;
    }
    last = text.slice(p, q);
    // Spelled-out defangs join words ("beacon-relay dot ru"); an all-digit label means a
    // number or id is involved ("t1059 dot 255"), which is not refanged.
    if (!hasLetter(text, p, q)) {
      state.dotChainEnd = q;
      state.dotChainOk = false;
      return false;
    }
    if (labels >= 10) break;
    if (matchesLiteral(text, q, ' dot ')) {
      p = q + 5;
      continue;
    }
    if (codeAt(text, q) === 46 && isLabelChar(codeAt(text, q + 1))) {
      p = q + 1;
      continue;
    }
    break;
  }
  const tld = labelToAscii(last);
  const ok = tld !== null && isPublicTld(tld);
  state.dotChainEnd = q;
  state.dotChainOk = ok;
  return ok;
}

function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = codeAt(text, i);
    if (isAsciiLetter(c) || c >= 0x80) return true;
  }
  return false;
}

function matchesLiteral(text: string, at: number, lowerPattern: string): boolean {
  if (at + lowerPattern.length > text.length) return false;
  for (let k = 0; k < lowerPattern.length; k++) {
    if (lowerAscii(codeAt(text, at + k)) !== lowerPattern.charCodeAt(k)) return false;
  }
  return true;
}

const betweenLabels = (text: string, start: number, end: number): boolean =>
  isLabelChar(codeAt(text, start - 1)) && isLabelChar(codeAt(text, end));

export const REFANG_RULES: readonly RefangRule[] = [
  // ---- schemes: only at a word start and only when a scheme separator follows ----
  {
    id: 'scheme-hxxps',
    kind: 'scheme',
    description: 'hxxps / hXXps -> https',
    patterns: ['hxxps'],
    replacement: 'https',
    when: (t, s, e) => !isAsciiAlnum(codeAt(t, s - 1)) && followedBySchemeSeparator(t, e),
    examples: [
      ['hxxps://a-b.com/x', 'https://a-b.com/x'],
      ['hXXps://a-b.com', 'https://a-b.com'],
    ],
    counterExamples: ['hxxps is a defang', 'xhxxps://a.com'],
  },
  {
    id: 'scheme-hxxp',
    kind: 'scheme',
    description: 'hxxp / hXXp -> http',
    patterns: ['hxxp'],
    replacement: 'http',
    when: (t, s, e) => !isAsciiAlnum(codeAt(t, s - 1)) && followedBySchemeSeparator(t, e),
    examples: [
      ['hxxp://a-b.com/x', 'http://a-b.com/x'],
      ['HXXP://a-b.com', 'http://a-b.com'],
      ['为hxxp://a.cn/', '为http://a.cn/'],
    ],
    counterExamples: ['hxxp alone'],
  },
  {
    id: 'scheme-h**ps',
    kind: 'scheme',
    description: 'h**ps -> https',
    patterns: ['h**ps'],
    replacement: 'https',
    when: (t, s, e) => !isAsciiAlnum(codeAt(t, s - 1)) && followedBySchemeSeparator(t, e),
    examples: [['h**ps://files.a-b.xyz/d', 'https://files.a-b.xyz/d']],
  },
  {
    id: 'scheme-h**p',
    kind: 'scheme',
    description: 'h**p -> http',
    patterns: ['h**p'],
    replacement: 'http',
    when: (t, s, e) => !isAsciiAlnum(codeAt(t, s - 1)) && followedBySchemeSeparator(t, e),
    examples: [['h**p://a-b.com/t', 'http://a-b.com/t']],
  },
  {
    id: 'scheme-h__ps',
    kind: 'scheme',
    description: 'h__ps -> https (underscores for "tt")',
    patterns: ['h__ps'],
    replacement: 'https',
    when: (t, s, e) => atWordStart(t, s) && followedBySchemeSeparator(t, e),
    examples: [['h__ps://a-b.com/x', 'https://a-b.com/x']],
    counterExamples: ['my_h__ps://a.com', 'h__ps alone'],
  },
  {
    id: 'scheme-h__p',
    kind: 'scheme',
    description: 'h__p -> http (underscores for "tt")',
    patterns: ['h__p'],
    replacement: 'http',
    when: (t, s, e) => atWordStart(t, s) && followedBySchemeSeparator(t, e),
    examples: [['H__P://a-b.com/t', 'http://a-b.com/t']],
    counterExamples: ['h__p_handler()', 'x_h__p://a.com'],
  },
  {
    id: 'sep-underscores-https',
    kind: 'scheme',
    description: 'hxxps__ / h**ps__ / h__ps__ -> https:// (underscores for "://", before a host)',
    patterns: ['hxxps__', 'h**ps__', 'h__ps__'],
    replacement: 'https://',
    when: (t, s, e) => atWordStart(t, s) && followedByUnderscoreHost(t, e),
    examples: [
      ['hxxps__evil-host.com/a', 'https://evil-host.com/a'],
      ['h__ps__a-b.com/x', 'https://a-b.com/x'],
    ],
    counterExamples: ['hxxps__handler = 1', 'my_hxxps__a.com', 'hxxps__ a.com'],
  },
  {
    id: 'sep-underscores-http',
    kind: 'scheme',
    description: 'hxxp__ / h**p__ / h__p__ -> http:// (underscores for "://", before a host)',
    patterns: ['hxxp__', 'h**p__', 'h__p__'],
    replacement: 'http://',
    when: (t, s, e) => atWordStart(t, s) && followedByUnderscoreHost(t, e),
    examples: [
      ['hxxp__1.2.3.4/x', 'http://1.2.3.4/x'],
      ['h__p__a-b.com', 'http://a-b.com'],
    ],
    counterExamples: ['h__p__x_y', 'hxxp__init__.py'],
  },
  {
    id: 'scheme-fxp',
    kind: 'scheme',
    description: 'fxp -> ftp',
    patterns: ['fxp'],
    replacement: 'ftp',
    when: (t, s, e) => !isAsciiAlnum(codeAt(t, s - 1)) && followedBySchemeSeparator(t, e),
    examples: [['fxp://1.2.3.4/x', 'ftp://1.2.3.4/x']],
    counterExamples: ['FXP transfers', 'fxp: no'],
  },
  // ---- separators ----
  {
    id: 'sep-bracket-colon-slashes',
    kind: 'separator',
    description: '[://] -> ://',
    patterns: ['[://]'],
    replacement: '://',
    when: (t, s) => isAsciiLetter(codeAt(t, s - 1)),
    examples: [['hxxps[://]a-b.com/v2', 'https://a-b.com/v2']],
    counterExamples: ['see [://] here'],
  },
  {
    id: 'sep-bracket-colon',
    kind: 'separator',
    description: '[:] -> : (before // or a port)',
    patterns: ['[:]'],
    replacement: ':',
    when: (t, s, e) => {
      const next = codeAt(t, e);
      return isAsciiAlnum(codeAt(t, s - 1)) && (next === 47 || (next >= 48 && next <= 57));
    },
    examples: [
      ['hxxp[:]//a-b.com/u', 'http://a-b.com/u'],
      ['http[:]//a-b.com', 'http://a-b.com'],
      ['1.2.3.4[:]8080', '1.2.3.4:8080'],
    ],
    counterExamples: ['note [:] x'],
  },
  {
    id: 'sep-bracket-slash',
    kind: 'separator',
    description: '[/] -> /',
    patterns: ['[/]'],
    replacement: '/',
    // Only the left side is checked: a URL may end right after it ("…com[/]").
    when: (t, s) => has(codeAt(t, s - 1), URL) && codeAt(t, s - 1) !== 32,
    examples: [['http://a-b.com[/]path', 'http://a-b.com/path']],
    counterExamples: ['a [/] b'],
  },
  // ---- dots ----
  {
    id: 'dot-square',
    kind: 'dot',
    description: '[.] -> .',
    patterns: ['[.]'],
    replacement: '.',
    examples: [
      ['evil[.]com', 'evil.com'],
      ['1[.]2[.]3[.]4', '1.2.3.4'],
    ],
  },
  {
    id: 'dot-paren',
    kind: 'dot',
    description: '(.) -> .',
    patterns: ['(.)'],
    replacement: '.',
    examples: [['evil(.)net', 'evil.net']],
  },
  {
    id: 'dot-curly',
    kind: 'dot',
    description: '{.} -> .',
    patterns: ['{.}'],
    replacement: '.',
    examples: [['evil{.}co', 'evil.co']],
  },
  {
    id: 'dot-word-square',
    kind: 'dot',
    description: '[dot] / [DOT] -> .',
    patterns: ['[dot]'],
    replacement: '.',
    examples: [
      ['filedrop[dot]cc', 'filedrop.cc'],
      ['a[DOT]com', 'a.com'],
    ],
  },
  {
    id: 'dot-word-paren',
    kind: 'dot',
    description: '(dot) / (DOT) -> .',
    patterns: ['(dot)'],
    replacement: '.',
    examples: [
      ['cdn(dot)site', 'cdn.site'],
      ['a(DOT)com', 'a.com'],
    ],
  },
  {
    id: 'dot-word-curly',
    kind: 'dot',
    description: '{dot} -> .',
    patterns: ['{dot}'],
    replacement: '.',
    examples: [['a{dot}com', 'a.com']],
  },
  {
    id: 'dot-backslash',
    kind: 'dot',
    description: '\\. -> . (between label characters)',
    patterns: ['\\.'],
    replacement: '.',
    when: betweenLabels,
    examples: [['evil\\.com', 'evil.com']],
    counterExamples: ['C:\\.hidden', 'a\\. b'],
  },
  {
    id: 'dot-spaced',
    kind: 'dot',
    description: 'a bracketed dot with one space on each side: " [.] ", " (.) ", " [dot] " …',
    patterns: [' [.] ', ' (.) ', ' {.} ', ' [dot] ', ' (dot) ', ' {dot} '],
    replacement: '.',
    when: betweenLabels,
    examples: [
      ['evil [.] com', 'evil.com'],
      ['evil (dot) com', 'evil.com'],
    ],
  },
  {
    id: 'dot-spelled',
    kind: 'dot',
    description: '" dot " spelled out, only when the result ends in a public TLD',
    patterns: [' dot '],
    replacement: '.',
    when: spelledDot,
    examples: [
      ['beacon-relay dot ru', 'beacon-relay.ru'],
      ['winupdate-check dot pw here', 'winupdate-check.pw here'],
      ['cdn dot evil dot com', 'cdn.evil.com'],
    ],
    counterExamples: ['the last dot defanged', 'one dot com', 'a dot-matrix'],
  },
  // ---- at signs ----
  {
    id: 'at-square',
    kind: 'at',
    description: '[at] / [AT] -> @',
    patterns: ['[at]'],
    replacement: '@',
    examples: [['j.doe[at]evil.com', 'j.doe@evil.com']],
  },
  {
    id: 'at-paren',
    kind: 'at',
    description: '(at) -> @',
    patterns: ['(at)'],
    replacement: '@',
    examples: [['keymaster(at)box(.)org', 'keymaster@box.org']],
  },
  {
    id: 'at-curly',
    kind: 'at',
    description: '{at} -> @',
    patterns: ['{at}'],
    replacement: '@',
    examples: [['x{at}evil.com', 'x@evil.com']],
  },
  {
    id: 'at-symbol-bracketed',
    kind: 'at',
    description: '[@] / (@) / {@} -> @',
    patterns: ['[@]', '(@)', '{@}'],
    replacement: '@',
    examples: [
      ['soporte[@]nomina[.]com', 'soporte@nomina.com'],
      ['a(@)b.com', 'a@b.com'],
    ],
  },
  {
    id: 'at-spaced',
    kind: 'at',
    description: 'a bracketed at with one space on each side: " [at] ", " (at) ", " [@] " …',
    patterns: [' [at] ', ' (at) ', ' {at} ', ' [@] '],
    replacement: '@',
    when: (t, s, e) => has(codeAt(t, s - 1), LOCAL) && isLabelChar(codeAt(t, e)),
    examples: [['john [at] evil [dot] com', 'john@evil.com']],
  },
  // ---- line wrapping (corpus rule 8) ----
  {
    id: 'wrap-hyphen',
    kind: 'wrap',
    description:
      'host name broken after a hyphen at a line end: "billing-\\nportal" -> "billing-portal"',
    patterns: ['-\n', '-\r\n'],
    replacement: '-',
    when: (t, s, e) => isAsciiAlnum(codeAt(t, s - 1)) && isAsciiAlnum(codeAt(t, e)),
    examples: [['billing-\nportal-update[.]com', 'billing-portal-update.com']],
    counterExamples: ['list -\nitem'],
  },
];

interface Candidate {
  pattern: string;
  rule: RefangRule;
}

// First character (lower case ASCII) -> candidate patterns, longest first.
const DISPATCH: ReadonlyArray<readonly Candidate[] | undefined> = (() => {
  const table: Array<Candidate[] | undefined> = Array.from({ length: 128 }, () => undefined);
  for (const rule of REFANG_RULES) {
    for (const pattern of rule.patterns) {
      const first = pattern.charCodeAt(0);
      const list = table[first] ?? [];
      list.push({ pattern, rule });
      table[first] = list;
    }
  }
  for (const list of table) list?.sort((a, b) => b.pattern.length - a.pattern.length);
  return table;
})();

/**
 * Positions where a rule may start, found natively: an opening bracket followed by a character
 * that can continue a rule (`[.`, `(d`, `[@`, `[:` …), `\.`, the hxxp/h**p/fxp scheme stems, spelled-out " dot ", a hyphen before a line break, and every character the
 * Unicode folding changes. A plain alternation of literals and character classes (no nested
 * or overlapping quantifiers), so the search is linear.
 */
const TRIGGER_RE =
  /[[({][.:/@dDaA]|\\\.|[hH](?:[xX][xX]|\*\*|__)[pP]|[fF][xX][pP]| [dD][oO][tT] |-\r?\n|[\uFF01-\uFF5E\u3000\u00A0\u2000-\u200A\u202F\u205F]/g;
const FOLD_RE = /[\uFF01-\uFF5E\u3000\u00A0\u2000-\u200A\u202F\u205F]/g;

/**
 * After an opening bracket or a backslash, only these characters can continue a rule
 * (`[.]`, `(dot)`, `[at]`, `[@]`, `[:]`, `[://]`, `[/]`, `\.`); checking it first lets the
 * many brackets of ordinary prose and code through without trying every rule.
 */
function mayStartBracketRule(next: number): boolean {
  return (
    next === 46 ||
    next === 64 ||
    next === 58 ||
    next === 47 ||
    next === 100 ||
    next === 68 ||
    next === 97 ||
    next === 65
  );
}

function matchAt(text: string, i: number, c: number, state: RefangState): Candidate | null {
  const list = DISPATCH[lowerAscii(c)];
  if (list === undefined) return null;
  for (const cand of list) {
    if (!matchesLiteral(text, i, cand.pattern)) continue;
    const when = cand.rule.when;
    if (when === undefined || when(text, i, i + cand.pattern.length, state)) return cand;
  }
  return null;
}

export interface View {
  view: string;
  map: OffsetMap;
}

/**
 * Accumulates the view. Sparse replacements (normal text) are kept as slices of the input and
 * joined once; when replacements become dense (a flood of defang tokens), it switches to one
 * preallocated UTF-16 buffer so that there is no small string per token for the collector.
 */
class ViewWriter {
  private readonly text: string;
  private readonly pieces: string[] = [];
  private buf: Uint16Array | null = null;
  private w = 0;
  private writes = 0;
  /** Length of the view written so far. */
  length = 0;

  constructor(text: string) {
    this.text = text;
  }

  /** Appends text[from, to) unchanged. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    const buf = this.buf;
    if (buf === null) {
      this.pieces.push(this.text.slice(from, to));
    } else {
      for (let i = from; i < to; i++) buf[this.w++] = this.text.charCodeAt(i);
    }
    this.length += to - from;
  }

  /** Appends replacement code units. */
  write(codes: string | readonly number[]): void {
    const buf = this.buf;
    if (buf === null) {
      this.pieces.push(typeof codes === 'string' ? codes : String.fromCharCode(...codes));
      this.length += codes.length;
      // Dense: more than one replacement per 64 characters after the first few thousand.
      if (++this.writes > 4096 && this.writes * 64 > this.length) {
        this.buf = new Uint16Array(this.text.length);
      }
      return;
    }
    for (let i = 0; i < codes.length; i++) {
      buf[this.w++] = typeof codes === 'string' ? codes.charCodeAt(i) : (codes[i] ?? 0);
    }
    this.length += codes.length;
  }

  toString(): string {
    const buf = this.buf;
    if (buf !== null) {
      for (let i = 0; i < this.w; i += 8192) {
        this.pieces.push(String.fromCharCode(...buf.subarray(i, Math.min(this.w, i + 8192))));
      }
    }
    return this.pieces.length === 1 ? (this.pieces[0] ?? '') : this.pieces.join('');
  }
}

/**
 * Builds the refanged view of `text` (or, with refangOn=false, only the Unicode folding).
 * Linear: trigger positions come from one native regex scan; at each, only the rules whose
 * first character matches are tried, each with a bounded look-around.
 */
export function buildView(text: string, refangOn = true): View {
  const builder = new OffsetMapBuilder();
  const out = new ViewWriter(text);
  const state: RefangState = { dotChainEnd: -1, dotChainOk: false };
  let copyFrom = 0;
  const replace = (at: number, len: number, rep: string): void => {
    out.copy(copyFrom, at);
    builder.add(out.length, rep.length, at, len);
    out.write(rep);
    copyFrom = at + len;
  };
  const re = refangOn ? TRIGGER_RE : FOLD_RE;
  re.lastIndex = 0;
  // test() instead of exec(): no match object per trigger (defang floods have hundreds of
  // thousands). Where the match starts follows from how it ends, because the alternatives of
  // TRIGGER_RE end differently; FOLD_RE matches single characters.
  while (re.test(text)) {
    const e = re.lastIndex;
    let k = e - 1;
    if (refangOn) {
      const last = text.charCodeAt(e - 1);
      if (last === 112 || last === 80)
        k = (text.charCodeAt(e - 3) | 32) === 102 ? e - 3 : e - 4; // fxp | hxxp, h**p
      else if (last === 32)
        k = e - 5; // " dot "
      else if (last === 10)
        k = text.charCodeAt(e - 2) === 13 ? e - 3 : e - 2; // -\n, -\r\n
      else if (last < 0x80) k = e - 2; // "[." "(d" "{@" … or "\."
    }
    if (k < copyFrom) {
      re.lastIndex = copyFrom;
      continue;
    }
    const raw = text.charCodeAt(k);
    const c = mapCode(raw);
    const bracket = c === 91 || c === 40 || c === 123 || c === 92;
    if (refangOn && (!bracket || raw < 0x80 || mayStartBracketRule(codeAt(text, k + 1)))) {
      // Spaced forms (" [.] ", " (at) ") start at the space before the bracket.
      if ((c === 91 || c === 40 || c === 123) && k - 1 >= copyFrom && codeAt(text, k - 1) === 32) {
        const spaced = matchAt(text, k - 1, 32, state);
        if (spaced !== null) {
          replace(k - 1, spaced.pattern.length, spaced.rule.replacement);
          re.lastIndex = copyFrom;
          continue;
        }
      }
      if (c < 0x80) {
        const hit = matchAt(text, k, c, state);
        if (hit !== null) {
          replace(k, hit.pattern.length, hit.rule.replacement);
          re.lastIndex = copyFrom;
          continue;
        }
      }
    }
    if (c !== raw) {
      // Folding is one code unit for one, so it needs no offset segment; a run of folded
      // characters (full-width text) is copied in one piece.
      out.copy(copyFrom, k);
      const codes: number[] = [c];
      let j = k + 1;
      for (; j < text.length && codes.length < 4096; j++) {
        const r = text.charCodeAt(j);
        const f = mapCode(r);
        if (f === r || (refangOn && f < 0x80 && DISPATCH[lowerAscii(f)] !== undefined)) break;
        codes.push(f);
      }
      out.write(codes);
      copyFrom = j;
      re.lastIndex = j;
      continue;
    }
    re.lastIndex = k + 1;
  }
  if (copyFrom === 0) return { view: text, map: builder.build() };
  out.copy(copyFrom, text.length);
  return { view: out.toString(), map: builder.build() };
}

/** Refangs a string (all rules + Unicode folding). Same result as the extractor's view. */
export function refang(text: string): string {
  return buildView(text, true).view;
}
