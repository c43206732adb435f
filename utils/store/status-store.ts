import type { Product } from '../settings/schema';
import type { BridgeDb } from './db';
import type { StoredProductStatus } from './records';

export type LastTest = NonNullable<StoredProductStatus['lastTest']>;

/** Per-product facts that are neither settings nor secrets: the last connection test. */
export interface StatusStore {
  get(product: Product): Promise<StoredProductStatus>;
  setLastTest(product: Product, lastTest: LastTest): Promise<void>;
}

export function createStatusStore(getDb: () => Promise<BridgeDb>): StatusStore {
  return {
    async get(product) {
      return (await (await getDb()).get('status', product)) ?? { product };
    },
    async setLastTest(product, lastTest) {
      const db = await getDb();
      const tx = db.transaction('status', 'readwrite');
      const current = (await tx.store.get(product)) ?? { product };
      await tx.store.put({ ...current, lastTest });
      await tx.done;
    },
  };
}
