import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asSuffixTrie, icannOnly, rulesOf, trieModule } from '../../../scripts/icann-trie';
import { stubExports } from '../../../wxt.config';

const ICANN = 1;
const PRIVATE = 2;
// tldts's generated trie module (what the build's plugin replaces); it has no type declarations.
const TRIE_MODULE: string = 'tldts/dist/es6/src/data/trie.js';
const original = asSuffixTrie(
  (await import(/* @vite-ignore */ TRIE_MODULE)) as Record<string, unknown>,
);
const pruned = icannOnly(original);

describe('ICANN-only public suffix trie (the build drops the private section)', () => {
  it('keeps every ICANN rule and exception, and no private one', () => {
    const icannRules = rulesOf(original, original.rulesRoot, ICANN);
    expect(icannRules.length).toBeGreaterThan(5000);
    expect(icannRules).toContain('co.uk');
    expect(rulesOf(original, original.rulesRoot, PRIVATE)).toContain('github.io');
    expect(rulesOf(pruned, pruned.rulesRoot, ICANN)).toEqual(icannRules);
    expect(rulesOf(pruned, pruned.exceptionsRoot, ICANN)).toEqual(
      rulesOf(original, original.exceptionsRoot, ICANN),
    );
    expect(rulesOf(pruned, pruned.rulesRoot, PRIVATE)).toEqual([]);
    expect(pruned.labelText.length).toBeLessThan(original.labelText.length * 0.7);
  });

  it('answers every lookup as the full trie does with private suffixes off', async () => {
    // The emitted module, loaded the way the bundle loads it.
    const url = `data:text/javascript,${encodeURIComponent(trieModule(pruned))}`;
    const emitted = asSuffixTrie((await import(/* @vite-ignore */ url)) as Record<string, unknown>);
    // Hosts under every rule of both sections (wildcards filled in), one and two labels deep.
    const rules = [
      ...rulesOf(original, original.rulesRoot, ICANN | PRIVATE),
      ...rulesOf(original, original.exceptionsRoot, ICANN | PRIVATE),
    ].map((r) => r.replaceAll('*', 'w'));
    const hosts = rules.flatMap((r) => [r, `a.${r}`, `a.b.${r}`]);
    expect(hosts.length).toBeGreaterThan(20_000);
    for (const host of hosts) {
      expect(lookup(emitted, host), host).toEqual(lookup(original, host));
    }
  });

  it('our sources never ask tldts for private suffixes (the pruned list would answer wrong)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    for (const dir of ['utils', 'entrypoints', 'components']) walk(dir);
    const offenders = files.filter((f) =>
      /allowPrivateDomains:\s*true/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

describe('zod JSON Schema stub', () => {
  it('keeps every export name and throws only when JSON Schema is used', () => {
    const code = stubExports(
      'export const a = 1;\nexport function b() {}\nexport { c as d, e };\n',
      'x.js',
    );
    expect(code).toMatch(/export const a = stub;/);
    expect(code).toMatch(/export const b = stub;/);
    expect(code).toMatch(/export const d = stub;/);
    expect(code).toMatch(/export const e = stub;/);
    expect(() => stubExports('const x = 1;', 'x.js')).toThrow(/no exports/);
  });
});

/**
 * tldts's lookup (tldts/dist/es6/src/suffix-trie.js) with ICANN rules only, written plainly:
 * the deepest ICANN node a host's labels reach, right to left, through exact or `*` edges;
 * an exception wins and drops its own left-most label.
 */
const indexes = new WeakMap<object, Map<number, Map<string, number>>>();

/** node → (label → edge), built once per trie. */
function edgeIndex(t: ReturnType<typeof asSuffixTrie>): Map<number, Map<string, number>> {
  const known = indexes.get(t);
  if (known) return known;
  const index = new Map<number, Map<string, number>>();
  let offset = 0;
  for (let node = 0; node < t.nodeFlags.length; node++) {
    const edges = new Map<string, number>();
    for (let e = t.edgeStart[node]!; e < t.edgeStart[node + 1]!; e++) {
      edges.set(t.labelText.slice(offset, offset + t.edgeLength[e]!), e);
      offset += t.edgeLength[e]!;
    }
    index.set(node, edges);
  }
  indexes.set(t, index);
  return index;
}

function lookup(t: ReturnType<typeof asSuffixTrie>, host: string): string | null {
  const index = edgeIndex(t);
  const walk = (root: number): number => {
    const labels = host.split('.').toReversed();
    let node = root;
    let depth = -1;
    for (let i = 0; i < labels.length; i++) {
      const edges = index.get(node)!;
      const edge = edges.get(labels[i]!) ?? (labels[i] !== '' ? edges.get('*') : undefined);
      if (edge === undefined) break;
      node = t.edgeChild[edge]!;
      if ((t.nodeFlags[node]! & ICANN) !== 0) depth = i;
    }
    return depth;
  };
  const labels = host.split('.');
  const exception = walk(t.exceptionsRoot);
  if (exception >= 0) return `!${labels.slice(labels.length - exception).join('.')}`;
  const rule = walk(t.rulesRoot);
  return rule >= 0 ? labels.slice(labels.length - 1 - rule).join('.') : null;
}
