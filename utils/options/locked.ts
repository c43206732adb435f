/**
 * Admin policy locks settings by dotted path ("cftr.baseUrl", "mapping", "extraction.types").
 * A field is locked when its own path or an enclosing one is: policy replaces arrays whole, so
 * "mapping" locks every row.
 */
export function isLocked(locked: readonly string[], path: string): boolean {
  return locked.some((l) => l === path || path.startsWith(`${l}.`));
}

/** Any path at or below `prefix` is locked (e.g. to say a section is partly managed). */
export function anyLockedUnder(locked: readonly string[], prefix: string): boolean {
  return locked.some(
    (l) => l === prefix || l.startsWith(`${prefix}.`) || prefix.startsWith(`${l}.`),
  );
}

export const LOCKED_NOTE = 'Set by your administrator';
