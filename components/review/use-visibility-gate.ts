import { useEffect, useState, type RefObject } from 'react';
import { watchVisibility } from '../../utils/review/visibility-gate';

/**
 * Whether the element is really seen (utils/review/visibility-gate.ts). Without a ref (the
 * review window, which no page can cover) it is always true. `key` restarts the watch when the
 * element is rendered anew (the draft arrived).
 */
export function useVisibilityGate(ref: RefObject<Element | null> | null, key: unknown): boolean {
  const [seen, setSeen] = useState(ref === null);
  useEffect(() => {
    const target = ref?.current;
    if (!ref || !target) return;
    setSeen(false);
    return watchVisibility({ target, win: window, onChange: setSeen });
    // key is a trigger, not an input: the footer is a new element once the draft arrived.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [ref, key]);
  return ref === null ? true : seen;
}
