/**
 * Benchmark inputs: a mixed document assembled from the corpus texts (with the IOC values
 * varied per copy, so deduplication and validation see many distinct values), and the
 * adversarial shapes of issue 5. All generation is seeded and deterministic.
 */

import type { CorpusDoc } from './corpus';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';

function randomHex(rnd: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HEX[Math.floor(rnd() * 16)];
  return s;
}

/** Repeats `unit()` until the result has exactly `size` characters. */
function fill(size: number, unit: () => string): string {
  const parts: string[] = [];
  let len = 0;
  while (len < size) {
    const u = unit();
    parts.push(u);
    len += u.length;
  }
  return parts.join('').slice(0, size);
}

/**
 * ~`size` characters of corpus text; every copy gets fresh hashes, fresh last octets and a
 * copy-specific label in front of common TLDs, so the IOC mix stays varied.
 */
export function mixedDocument(docs: readonly CorpusDoc[], size: number, seed = 7): string {
  const rnd = mulberry32(seed);
  let copy = 0;
  return fill(size, () => {
    const doc = docs[copy % docs.length];
    copy++;
    if (doc === undefined) return '';
    return (
      doc.text
        .replace(/\b[0-9a-fA-F]{32,128}\b/g, (m) => randomHex(rnd, m.length))
        .replace(
          /\b(\d{1,3}(?:\.|\[\.\]|\(\.\))\d{1,3}(?:\.|\[\.\]|\(\.\))\d{1,3}(?:\.|\[\.\]|\(\.\)))\d{1,3}\b/g,
          (_m, p: string) => p + String(1 + Math.floor(rnd() * 254)),
        )
        .replace(
          /\b([a-z][a-z0-9-]{2,})(\.|\[\.\]|\(\.\))(com|net|org|top|xyz|ru|info|io|de|cn)\b/g,
          (_m, l: string, d: string, t: string) => `${l}${copy}${d}${t}`,
        ) + '\n\n'
    );
  });
}

export interface AdversarialShape {
  name: string;
  make: (size: number) => string;
}

export const ADVERSARIAL: readonly AdversarialShape[] = [
  {
    // One endless run of one-letter labels, a.q.x.a.… (issue 5: ioc-extractor's slow case),
    // with an occasional digit label.
    name: 'dot-dense',
    make: (size) => {
      const rnd = mulberry32(11);
      return fill(size, () =>
        rnd() < 0.02 ? '1.' : String.fromCharCode(97 + Math.floor(rnd() * 26)) + '.',
      );
    },
  },
  {
    // Hex runs of every length (1–200) separated by single ' ', ':', '.', '-' or newline.
    name: 'hex-dense',
    make: (size) => {
      const rnd = mulberry32(12);
      const seps = [' ', ':', '.', '-', '\n', ':'];
      return fill(
        size,
        () =>
          randomHex(rnd, 1 + Math.floor(rnd() * 200)) +
          (seps[Math.floor(rnd() * seps.length)] ?? ' '),
      );
    },
  },
  {
    // Defang tokens back to back: [.][.](.)[dot][at]a[.]1[:]hxxp…
    name: 'bracket-dense',
    make: (size) => {
      const rnd = mulberry32(13);
      const toks = [
        '[.]',
        '[.]',
        '(.)',
        '{.}',
        '[dot]',
        '[at]',
        '[@]',
        'a',
        '1',
        '[:]',
        '[://]',
        'hxxp',
        ' dot ',
      ];
      return fill(size, () => toks[Math.floor(rnd() * toks.length)] ?? '[.]');
    },
  },
  {
    // One URL that never ends: hxxp://a[.]com/ then path, query and nested-scheme noise.
    name: 'endless-url',
    make: (size) => {
      const rnd = mulberry32(14);
      const parts = [
        'a/',
        'b.c/',
        '?d=e&',
        'f%20g',
        '(h)',
        'http://',
        'x.com/',
        '1.2.3.4/',
        '[.]',
        '-_~',
      ];
      return (
        'hxxp://a[.]com/' + fill(size - 15, () => parts[Math.floor(rnd() * parts.length)] ?? 'a/')
      );
    },
  },
  {
    // Printable ASCII without any whitespace, biased towards IOC punctuation.
    name: 'no-whitespace',
    make: (size) => {
      const rnd = mulberry32(15);
      const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEF0123456789....::://@@-_[](){}=?&%#';
      return fill(size, () => alphabet[Math.floor(rnd() * alphabet.length)] ?? 'a');
    },
  },
  {
    // Issue 15's scanners: CJK/Arabic labels and dots back to back (IDN), registry roots with
    // spaced names, ssdeep-like colon runs, MAC-like dash runs, file-name-like words.
    name: 'new-types-dense',
    make: (size) => {
      const rnd = mulberry32(16);
      const toks = [
        '中.',
        '例子.',
        'مثال.',
        'a.',
        'HKLM\\',
        'Soft ware\\',
        'a b ',
        '96:',
        'AbCdEf1+',
        ':',
        '0a-',
        '1b:',
        'x.exe',
        '~',
        '.tar.gz ',
      ];
      return fill(size, () => toks[Math.floor(rnd() * toks.length)] ?? '中.');
    },
  },
];
