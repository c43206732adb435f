import { defaultSettings } from '../settings/defaults';
import { settingsSchema, type Settings } from '../settings/schema';

/**
 * Admin policy (browser.storage.managed) over the local settings. Policy values override
 * local ones and are reported as locked dotted paths, so the options page can show them
 * read-only.
 *
 * Only paths that exist in the settings shape are taken: a policy can never inject a
 * secret (there is no secret field in Settings) nor anything else we do not know. Arrays
 * (mapping rows, allowlist, IOC types, ID paths) are replaced whole. A policy value that
 * would make the settings invalid is ignored rather than breaking the extension; the
 * rejected paths are reported so an admin can find them.
 */

type Json = Record<string, unknown>;

export interface PolicyLeaf {
  path: string[];
  value: unknown;
}

export interface MergedSettings {
  settings: Settings;
  locked: string[];
  /** Policy paths whose values were not valid and were not applied. */
  rejected: string[];
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The policy's values at paths the settings shape knows, walking objects but not arrays. */
export function policyLeaves(policy: unknown, shape: unknown = defaultSettings()): PolicyLeaf[] {
  const leaves: PolicyLeaf[] = [];
  const walk = (node: unknown, template: unknown, path: string[]) => {
    if (!isPlainObject(node) || !isPlainObject(template)) return;
    for (const [key, value] of Object.entries(node)) {
      // `version` belongs to the document format, not to an admin.
      if (path.length === 0 && key === 'version') continue;
      if (!Object.hasOwn(template, key)) continue;
      const sub = template[key];
      if (isPlainObject(sub)) walk(value, sub, [...path, key]);
      else leaves.push({ path: [...path, key], value });
    }
  };
  walk(policy, shape, []);
  return leaves;
}

function setPath(target: Json, path: readonly string[], value: unknown): void {
  let node: Json = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!isPlainObject(next)) return;
    node = next;
  }
  const last = path.at(-1);
  if (last !== undefined) node[last] = structuredClone(value);
}

const dotted = (path: readonly (string | number | symbol)[]) => path.map(String).join('.');

/** True when one path is the other or lies inside it. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

export function applyPolicy(local: Settings, policy: unknown): MergedSettings {
  let leaves = policyLeaves(policy);
  const rejected: string[] = [];
  // Each round drops the leaves the schema complains about; a leaf is dropped at most once,
  // so this ends after at most leaves.length + 1 rounds.
  for (;;) {
    const merged = structuredClone(local) as unknown as Json;
    for (const leaf of leaves) setPath(merged, leaf.path, leaf.value);
    const parsed = settingsSchema.safeParse(merged);
    if (parsed.success) {
      return { settings: parsed.data, locked: leaves.map((l) => dotted(l.path)), rejected };
    }
    const bad = parsed.error.issues.map((issue) => dotted(issue.path));
    const keep = leaves.filter((l) => !bad.some((b) => overlaps(dotted(l.path), b)));
    if (keep.length === leaves.length) {
      // The local document itself is invalid: policy cannot be blamed, fall back to it alone.
      return { settings: local, locked: [], rejected: leaves.map((l) => dotted(l.path)) };
    }
    for (const l of leaves) if (!keep.includes(l)) rejected.push(dotted(l.path));
    leaves = keep;
  }
}

/**
 * Admin policy `secretLock.requirePassphrase: true` (public/managed_schema.json): the passphrase
 * lock must be on (utils/store/secret-lock.ts). Not a setting: no file or page can turn it off.
 */
export function lockRequiredByPolicy(policy: unknown): boolean {
  if (!isPlainObject(policy)) return false;
  const lock = policy.secretLock;
  return isPlainObject(lock) && lock.requirePassphrase === true;
}

function getPath(source: Json, path: readonly string[]): unknown {
  let node: unknown = source;
  for (const key of path) {
    if (!isPlainObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * What to store when a page saves (or imports) settings while policy locks some paths: the
 * submitted document, but the previous LOCAL value at every locked path. The page shows the
 * policy's values in locked fields; storing them would keep them after the policy is lifted,
 * and a bad policy value would make every save fail.
 */
export function keepLocalAtLockedPaths(
  submitted: Settings,
  local: Settings,
  locked: readonly string[],
): Settings {
  const next = structuredClone(submitted) as unknown as Json;
  for (const path of locked) {
    const keys = path.split('.');
    const previous = getPath(local as unknown as Json, keys);
    if (previous !== undefined) setPath(next, keys, previous);
  }
  return next as unknown as Settings;
}
