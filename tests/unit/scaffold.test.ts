import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

describe('unit test environment', () => {
  it('gives each test a fresh IndexedDB', async () => {
    const req = indexedDB.open('probe', 1);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      req.onupgradeneeded = () => req.result.createObjectStore('s');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    expect(Array.from(db.objectStoreNames)).toEqual(['s']);
    db.close();
  });

  it('provides the fake browser storage', async () => {
    await fakeBrowser.storage.local.set({ a: 1 });
    expect(await fakeBrowser.storage.local.get('a')).toEqual({ a: 1 });
  });
});
