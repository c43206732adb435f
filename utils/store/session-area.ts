/**
 * The part of `browser.storage.session` the worker uses: memory that outlives a worker restart
 * but not the browser. A port, so review drafts and test hooks take the real area or a fake.
 */
export interface SessionArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** A session area in this worker's memory only (a browser without `storage.session`). */
export function memorySessionArea(): SessionArea {
  const data = new Map<string, unknown>();
  const list = (keys: string | string[] | null) =>
    keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
  return {
    get: async (keys) =>
      Object.fromEntries(list(keys).flatMap((k) => (data.has(k) ? [[k, data.get(k)]] : []))),
    set: async (items) => {
      for (const [k, v] of Object.entries(items)) data.set(k, v);
    },
    remove: async (keys) => {
      for (const k of list(keys)) data.delete(k);
    },
  };
}
