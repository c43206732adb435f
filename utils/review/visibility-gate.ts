/**
 * Clickjacking guard for the framed review: a page could make our frame invisible (opacity 0,
 * a filter) or lay a decoy over it, and trick the analyst into clicking "Create". The gate says
 * whether the element is really seen.
 *
 * - Where the browser has IntersectionObserver v2 (Chromium), `trackVisibility` reports
 *   whether anything covers the element or makes it less than fully visible, across frames.
 * - Elsewhere (Firefox) nothing can see occlusion from inside a frame. The gate then opens only
 *   after the frame has been visible and focused for `settleMs`, and closes again whenever the
 *   document is hidden or loses focus, so a click lured right after a page trick does not land.
 */

export type VisibilityMode = 'tracked' | 'delayed';

export interface VisibilityGateDeps {
  target: Element;
  win: Window & typeof globalThis;
  onChange(visible: boolean): void;
  /** Fallback: how long the frame must be visible and focused before the gate opens. */
  settleMs?: number;
}

export const SETTLE_MS = 800;
/** The smallest delay v2 accepts; occlusion is computed at most this often. */
const TRACK_DELAY_MS = 100;

export function visibilityMode(win: Window & typeof globalThis): VisibilityMode {
  const Entry = win.IntersectionObserverEntry as { prototype?: object } | undefined;
  return Entry?.prototype && 'isVisible' in Entry.prototype ? 'tracked' : 'delayed';
}

/** Starts watching; returns the stop function. `onChange` is called on every change. */
export function watchVisibility(deps: VisibilityGateDeps): () => void {
  const { win, target, onChange } = deps;
  let last: boolean | null = null;
  const report = (visible: boolean) => {
    if (visible === last) return;
    last = visible;
    onChange(visible);
  };

  if (visibilityMode(win) === 'tracked') {
    const observer = new win.IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1] as
          (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
        if (entry) report(entry.isIntersecting && entry.isVisible === true);
      },
      // trackVisibility and delay are v2 options the DOM typings do not know yet.
      { threshold: [1], trackVisibility: true, delay: TRACK_DELAY_MS } as IntersectionObserverInit,
    );
    observer.observe(target);
    return () => observer.disconnect();
  }

  const settleMs = deps.settleMs ?? SETTLE_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    clearTimeout(timer);
    const seen = win.document.visibilityState === 'visible' && win.document.hasFocus();
    if (!seen) {
      report(false);
      return;
    }
    // Seen again: open only after it stayed so for a moment.
    report(false);
    timer = setTimeout(() => report(true), settleMs);
  };
  const abort = new AbortController();
  for (const type of ['focus', 'blur'] as const) {
    win.addEventListener(type, check, { signal: abort.signal });
  }
  win.document.addEventListener('visibilitychange', check, { signal: abort.signal });
  check();
  return () => {
    clearTimeout(timer);
    abort.abort();
  };
}
