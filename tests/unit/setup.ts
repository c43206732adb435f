// Every unit test starts with an empty IndexedDB and a reset fake browser.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
  // The fake browser implements no permissions API: every host is granted unless a test says
  // otherwise (tests/unit/background/origin-binding.test.ts).
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
});
