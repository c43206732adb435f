/**
 * Reading incident IDs out of a create response by configurable dotted paths (cyware-api.md §5:
 * the response shape is UNKNOWN, so the admin says where the IDs are, e.g. `unique_id` or
 * `data.incident_uuid`). Digits address array items: `results.0.id`.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function valueAtPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const key of path.split('.')) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** The first path holding a non-empty string or a number, as text. */
export function readIdByPaths(root: unknown, paths: readonly string[]): string | undefined {
  for (const path of paths) {
    const value = valueAtPath(root, path);
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/** Dotted key paths two levels deep, to quote in an error so the admin can pick the right one. */
export function describeKeys(root: unknown, limit = 40): string {
  if (!isRecord(root) || Array.isArray(root)) {
    return `the response is ${Array.isArray(root) ? 'an array' : typeof root === 'object' ? 'null' : `a ${typeof root}`}, not an object`;
  }
  const keys: string[] = [];
  for (const [key, value] of Object.entries(root)) {
    keys.push(key);
    if (isRecord(value) && !Array.isArray(value)) {
      for (const inner of Object.keys(value)) keys.push(`${key}.${inner}`);
    }
  }
  const shown = keys.slice(0, limit).join(', ');
  return keys.length > limit ? `${shown}, … (${keys.length} keys)` : shown || '(no keys)';
}
