/**
 * An ICANN-only copy of tldts's public suffix trie, made at build time (wxt.config.ts).
 *
 * Every lookup of ours uses ICANN suffixes only (`allowPrivateDomains` is never true:
 * tests/unit/build/icann-trie.test.ts checks the sources), so the private section of the
 * list (github.io, blogspot.com, duckdns.org, … about a third of the data) is dead weight in
 * the worker and the options page. tldts-icann is the same author's ICANN-only build; this
 * keeps the one dependency and its code and drops only the data no lookup can reach.
 *
 * The trie (tldts/dist/es6/src/data/trie.js) is a minimised DAG: node `n` has the edges
 * `edgeStart[n] .. edgeStart[n + 1]`, each with a label (consecutive in `labelText`, lengths in
 * `edgeLength`) and a child node; `nodeFlags[n]` says whether a rule ends there
 * (1 = ICANN, 2 = private). A lookup walks labels right to left and keeps the deepest node
 * whose flag passes its mask; an unknown label falls back to the node's `*` edge.
 */

export interface SuffixTrie {
  nodeFlags: ArrayLike<number>;
  edgeStart: ArrayLike<number>;
  edgeLength: ArrayLike<number>;
  edgeChild: ArrayLike<number>;
  labelText: string;
  rulesRoot: number;
  exceptionsRoot: number;
}

const ICANN = 1;

function labelsOf(trie: SuffixTrie): string[] {
  const labels: string[] = [];
  let offset = 0;
  for (let e = 0; e < trie.edgeLength.length; e++) {
    const length = trie.edgeLength[e]!;
    labels.push(trie.labelText.slice(offset, offset + length));
    offset += length;
  }
  return labels;
}

/**
 * The same trie without what an ICANN lookup cannot reach: edges into subtrees that hold no
 * ICANN rule, and the private flags. One exception keeps lookups identical: at a node with an
 * ICANN `*` edge an explicit edge stays even when it leads to private rules only, because
 * without it the label would fall back to the wildcard and match there.
 */
export function icannOnly(trie: SuffixTrie): SuffixTrie {
  const labels = labelsOf(trie);
  const edges = (node: number): number[] => {
    const out: number[] = [];
    for (let e = trie.edgeStart[node]!; e < trie.edgeStart[node + 1]!; e++) out.push(e);
    return out;
  };
  const icannBelow = new Map<number, boolean>();
  const hasIcann = (node: number): boolean => {
    const known = icannBelow.get(node);
    if (known !== undefined) return known;
    icannBelow.set(node, false); // the trie is acyclic; this only guards bad input
    let found = (trie.nodeFlags[node]! & ICANN) !== 0;
    for (const e of edges(node)) found = hasIcann(trie.edgeChild[e]!) || found;
    icannBelow.set(node, found);
    return found;
  };
  const icannWildcard = (node: number) =>
    edges(node).some((e) => labels[e] === '*' && hasIcann(trie.edgeChild[e]!));
  const keep = (node: number, e: number) => hasIcann(trie.edgeChild[e]!) || icannWildcard(node);

  // Children before parents, as in the original; node IDs are renumbered in that order.
  const id = new Map<number, number>();
  const order: number[] = [];
  const visit = (node: number) => {
    if (id.has(node)) return;
    id.set(node, -1);
    for (const e of edges(node)) if (keep(node, e)) visit(trie.edgeChild[e]!);
    id.set(node, order.length);
    order.push(node);
  };
  visit(trie.rulesRoot);
  visit(trie.exceptionsRoot);

  const nodeFlags: number[] = [];
  const edgeStart: number[] = [0];
  const edgeLength: number[] = [];
  const edgeChild: number[] = [];
  let labelText = '';
  for (const node of order) {
    nodeFlags.push(trie.nodeFlags[node]! & ICANN);
    for (const e of edges(node)) {
      if (!keep(node, e)) continue;
      edgeLength.push(trie.edgeLength[e]!);
      edgeChild.push(id.get(trie.edgeChild[e]!)!);
      labelText += labels[e];
    }
    edgeStart.push(edgeLength.length);
  }
  return {
    nodeFlags,
    edgeStart,
    edgeLength,
    edgeChild,
    labelText,
    rulesRoot: id.get(trie.rulesRoot)!,
    exceptionsRoot: id.get(trie.exceptionsRoot)!,
  };
}

/** Every rule whose end node has `flag`, as a dotted suffix (`*.ck`, `co.uk`). */
export function rulesOf(trie: SuffixTrie, root: number, flag: number): string[] {
  const labels = labelsOf(trie);
  const out: string[] = [];
  const walk = (node: number, suffix: string) => {
    for (let e = trie.edgeStart[node]!; e < trie.edgeStart[node + 1]!; e++) {
      const child = trie.edgeChild[e]!;
      const name = suffix === '' ? labels[e]! : `${labels[e]}.${suffix}`;
      if ((trie.nodeFlags[child]! & flag) !== 0) out.push(name);
      walk(child, name);
    }
  };
  walk(root, '');
  return out.toSorted();
}

/** The smallest unsigned typed array that holds every value. */
function typed(values: ArrayLike<number>): string {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]!);
  const type = max < 256 ? 'Uint8Array' : max < 65536 ? 'Uint16Array' : 'Uint32Array';
  return `/*#__PURE__*/ new ${type}([${Array.from(values).join(',')}])`;
}

/** The trie as an ES module with the exports tldts's lookup imports. */
export function trieModule(trie: SuffixTrie): string {
  return [
    '// ICANN-only public suffix trie, made at build time by scripts/icann-trie.ts.',
    `export const nodeFlags = ${typed(trie.nodeFlags)};`,
    `export const edgeStart = ${typed(trie.edgeStart)};`,
    `export const edgeLength = ${typed(trie.edgeLength)};`,
    `export const edgeChild = ${typed(trie.edgeChild)};`,
    `export const labelText = ${JSON.stringify(trie.labelText)};`,
    `export const rulesRoot = ${trie.rulesRoot};`,
    `export const exceptionsRoot = ${trie.exceptionsRoot};`,
    '',
  ].join('\n');
}

/** Checks that a module has the trie's shape (a tldts update that changes it fails the build). */
export function asSuffixTrie(module: Record<string, unknown>): SuffixTrie {
  const arrays = ['nodeFlags', 'edgeStart', 'edgeLength', 'edgeChild'] as const;
  for (const name of arrays) {
    if (!ArrayBuffer.isView(module[name])) throw new Error(`tldts trie: no typed array ${name}`);
  }
  if (typeof module.labelText !== 'string') throw new Error('tldts trie: no labelText');
  if (typeof module.rulesRoot !== 'number' || typeof module.exceptionsRoot !== 'number') {
    throw new Error('tldts trie: no rulesRoot/exceptionsRoot');
  }
  return module as unknown as SuffixTrie;
}
