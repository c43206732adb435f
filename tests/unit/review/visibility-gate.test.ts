import { afterEach, describe, expect, it, vi } from 'vitest';
import { visibilityMode, watchVisibility } from '../../../utils/review/visibility-gate';

/** A window without IntersectionObserver v2 (Firefox), whose focus and visibility we drive. */
function fakeWindow() {
  const listeners = new Map<string, Set<() => void>>();
  // Honours { signal } like a real EventTarget: the gate removes its listeners that way.
  const on = (type: string, cb: () => void, options?: { signal?: AbortSignal }) => {
    if (!listeners.has(type)) listeners.set(type, new Set());
    listeners.get(type)?.add(cb);
    options?.signal?.addEventListener('abort', () => listeners.get(type)?.delete(cb));
  };
  const fire = (type: string) => listeners.get(type)?.forEach((cb) => cb());
  const state = { visible: true, focused: false };
  const win = {
    IntersectionObserverEntry: { prototype: {} },
    addEventListener: on,
    document: {
      get visibilityState() {
        return state.visible ? 'visible' : 'hidden';
      },
      hasFocus: () => state.focused,
      addEventListener: on,
    },
  };
  return { win: win as unknown as Window & typeof globalThis, state, fire };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the visibility gate without IntersectionObserver v2', () => {
  it('is the delayed mode where the entry has no isVisible', () => {
    expect(visibilityMode(fakeWindow().win)).toBe('delayed');
    const v2 = { IntersectionObserverEntry: { prototype: { isVisible: false } } };
    expect(visibilityMode(v2 as unknown as Window & typeof globalThis)).toBe('tracked');
  });

  it('opens only after the frame was visible and focused for the settle time, and closes on blur', () => {
    vi.useFakeTimers();
    const { win, state, fire } = fakeWindow();
    const seen: boolean[] = [];
    const stop = watchVisibility({
      target: {} as Element,
      win,
      onChange: (v) => seen.push(v),
      settleMs: 800,
    });
    expect(seen).toEqual([false]);
    state.focused = true;
    fire('focus');
    vi.advanceTimersByTime(799);
    expect(seen).toEqual([false]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([false, true]);

    // The page pulls focus away (e.g. to lure a click): closed at once.
    state.focused = false;
    fire('blur');
    expect(seen.at(-1)).toBe(false);
    // Focus comes back: closed again until it settles.
    state.focused = true;
    fire('focus');
    vi.advanceTimersByTime(400);
    expect(seen.at(-1)).toBe(false);
    state.visible = false;
    fire('visibilitychange');
    vi.advanceTimersByTime(2000);
    expect(seen.at(-1)).toBe(false);
    stop();
    state.visible = true;
    fire('visibilitychange');
    vi.advanceTimersByTime(2000);
    expect(seen.at(-1)).toBe(false);
  });
});
