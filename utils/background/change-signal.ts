import { CHANGE_SIGNAL_KEY } from '../messaging/signal-key';

export interface StorageAreaLike {
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * Pages watch storage.local[CHANGE_SIGNAL_KEY] (storage.onChanged) and re-fetch what they show.
 * The value only has to change on every bump, so it is a counter seeded from the clock: two
 * bumps in the same millisecond still differ, and a restarted worker never repeats a value.
 */
export function createChangeSignal(area: StorageAreaLike, now: () => number = Date.now) {
  let last = 0;
  return async function bump(): Promise<void> {
    last = Math.max(last + 1, now());
    await area.set({ [CHANGE_SIGNAL_KEY]: last });
  };
}
