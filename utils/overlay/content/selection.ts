import type { CtixObjectRef } from '../../model/overlay';

/**
 * The list's checked objects, keyed by object, not by row element: a windowed list recycles
 * rows, and a row that comes back shows its object's state. It lives as long as the content
 * script, so it survives scrolling and navigation within the list.
 */
export const refKey = (ref: CtixObjectRef): string => `${ref.type}/${ref.id}`;

export function createSelection() {
  const chosen = new Map<string, CtixObjectRef>();
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  return {
    has: (ref: CtixObjectRef) => chosen.has(refKey(ref)),
    set(refs: readonly CtixObjectRef[], on: boolean): void {
      for (const ref of refs) {
        if (on) chosen.set(refKey(ref), ref);
        else chosen.delete(refKey(ref));
      }
      changed();
    },
    clear(): void {
      chosen.clear();
      changed();
    },
    refs: (): CtixObjectRef[] => [...chosen.values()],
    get size() {
      return chosen.size;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Selection = ReturnType<typeof createSelection>;
