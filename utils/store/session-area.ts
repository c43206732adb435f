/**
 * The part of `browser.storage.session` the worker uses: memory that outlives a worker restart
 * but not the browser. A port, so review drafts and test hooks take the real area or a fake.
 */
export interface SessionArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
