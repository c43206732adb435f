import type { ChoiceNode } from '../model/node-choice';

/**
 * The node picker's logic (issue 12), kept out of the component so it is tested alone and
 * stays cheap with a 1,000-node canvas: the groups and each node's search text are built once
 * per choice, and a search is one pass over them (no per-keystroke sorting or nested scans).
 */

/** Performance marks (bench/picker.bench.ts): the choice arrived; the picker's first commit. */
export const PICKER_CHOICE_MARK = 'picker:choice';
export const PICKER_FIRST_RENDER_MARK = 'picker:first-render';
/** The frame after the first commit: style, layout and paint of the picker are done. */
export const PICKER_PAINTED_MARK = 'picker:painted';

export interface NodeGroup {
  /** The object type (indicator, malware, report…). */
  type: string;
  nodes: readonly ChoiceNode[];
}

export interface NodeIndex {
  groups: readonly NodeGroup[];
  /** Lower-cased label, IOC type and object type per node ID: what a search looks at. */
  haystack: ReadonlyMap<string, string>;
  /** Every node ID, in canvas order. */
  ids: readonly string[];
}

/** Indicators first (the picker's point), then the other types by name. */
function typeOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'indicator') return -1;
  if (b === 'indicator') return 1;
  return a.localeCompare(b);
}

export function indexNodes(nodes: readonly ChoiceNode[]): NodeIndex {
  const byType = new Map<string, ChoiceNode[]>();
  const haystack = new Map<string, string>();
  for (const node of nodes) {
    const list = byType.get(node.objectType);
    if (list) list.push(node);
    else byType.set(node.objectType, [node]);
    haystack.set(
      node.id,
      `${node.label}\u0000${node.iocType ?? ''}\u0000${node.objectType}`.toLowerCase(),
    );
  }
  const groups = [...byType.entries()]
    .toSorted(([a], [b]) => typeOrder(a, b))
    .map(([type, list]) => ({ type, nodes: list }));
  return { groups, haystack, ids: nodes.map((n) => n.id) };
}

/** IOC nodes are checked at first: the analyst mostly wants the indicators. */
export function initialPick(nodes: readonly ChoiceNode[]): Set<string> {
  return new Set(nodes.filter((n) => n.objectType === 'indicator').map((n) => n.id));
}

/** The groups with only the nodes matching `query` (every word, any order); empty groups go. */
export function filterGroups(index: NodeIndex, query: string): NodeGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...index.groups];
  const out: NodeGroup[] = [];
  for (const group of index.groups) {
    const nodes = group.nodes.filter((n) => {
      const text = index.haystack.get(n.id) ?? '';
      return words.every((w) => text.includes(w));
    });
    if (nodes.length > 0) out.push({ type: group.type, nodes });
  }
  return out;
}

/** `selected` with `ids` all checked or all unchecked (a new set: React state). */
export function setMany(
  selected: ReadonlySet<string>,
  ids: Iterable<string>,
  checked: boolean,
): Set<string> {
  const next = new Set(selected);
  for (const id of ids) {
    if (checked) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** The chosen node IDs in canvas order (what review.pick sends). */
export function pickedInOrder(index: NodeIndex, selected: ReadonlySet<string>): string[] {
  return index.ids.filter((id) => selected.has(id));
}

const UNCOUNTED = new Set(['malware', 'infrastructure']);

/** Group headings: "indicator" → "Indicators", "threat-actor" → "Threat actors". */
export function groupLabel(type: string): string {
  const words = type.replace(/-/g, ' ');
  const plural = UNCOUNTED.has(type)
    ? words
    : /[^aeiou]y$/.test(words)
      ? `${words.slice(0, -1)}ies`
      : /(s|sh|ch|x)$/.test(words)
        ? `${words}es`
        : `${words}s`;
  return plural.charAt(0).toUpperCase() + plural.slice(1);
}
