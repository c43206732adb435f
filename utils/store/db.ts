import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import type { Product } from '../settings/schema';
import type {
  HistoryRecord,
  LockRecord,
  OutboxItem,
  StoredProductStatus,
  StoredSecret,
  StoredSettings,
} from './records';

/**
 * The one IndexedDB database of the extension. Only the background opens it: pages reach its
 * contents through messages, so secrets never leave the worker.
 *
 * Versions (each migration runs once, in order, from whatever version a profile has):
 *  1. settings, secrets, keys (the AES key), status, incidents (by createdAt), outbox.
 *  2. incidents gain multiEntry indexes by IOC value and by CTIX object ID, for duplicate
 *     warnings and the overlay's "CFTR Incidents" list; existing rows are backfilled.
 */
export const DB_NAME = 'cftr-bridge';
export const DB_VERSION = 2;

export interface BridgeDbSchema extends DBSchema {
  settings: { key: 'local'; value: StoredSettings };
  secrets: { key: Product; value: StoredSecret };
  /**
   * Out-of-line keys: the non-extractable AES-GCM device key (structured clone) without the
   * passphrase lock, or the lock record (the wrapped key) with it. Never both.
   */
  keys: { key: string; value: CryptoKey | LockRecord };
  status: { key: Product; value: StoredProductStatus };
  incidents: {
    key: string;
    value: HistoryRecord;
    indexes: { 'by-createdAt': number; 'by-ioc-value': string; 'by-ctix-object': string };
  };
  outbox: { key: string; value: OutboxItem };
}

export type BridgeDb = IDBPDatabase<BridgeDbSchema>;
type UpgradeTx = IDBPTransaction<BridgeDbSchema, StoreNames<BridgeDbSchema>[], 'versionchange'>;
type Migration = (db: BridgeDb, tx: UpgradeTx) => Promise<void> | void;

/** MIGRATIONS[n] brings a database from version n to n + 1. */
const MIGRATIONS: readonly Migration[] = [
  (db) => {
    db.createObjectStore('settings', { keyPath: 'id' });
    db.createObjectStore('secrets', { keyPath: 'product' });
    db.createObjectStore('keys');
    db.createObjectStore('status', { keyPath: 'product' });
    const incidents = db.createObjectStore('incidents', { keyPath: 'id' });
    incidents.createIndex('by-createdAt', 'createdAt');
    db.createObjectStore('outbox', { keyPath: 'id' });
  },
  async (_db, tx) => {
    const incidents = tx.objectStore('incidents');
    incidents.createIndex('by-ioc-value', 'iocValues', { multiEntry: true });
    incidents.createIndex('by-ctix-object', 'ctixObjectIds', { multiEntry: true });
    // v1 rows have no flat copies; derive them so the new indexes cover old history too.
    let cursor = await incidents.openCursor();
    while (cursor) {
      const row = cursor.value;
      await cursor.update({
        ...row,
        iocValues: iocIndexValues(row.iocs ?? []),
        ctixObjectIds: uniq(row.source?.ctixObjectIds ?? []),
      });
      cursor = await cursor.continue();
    }
  },
];

if (MIGRATIONS.length !== DB_VERSION) throw new Error('DB_VERSION and MIGRATIONS disagree');

export function iocIndexValues(iocs: readonly { value: string }[]): string[] {
  return uniq(iocs.map((i) => i.value.toLowerCase()));
}

function uniq(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * Open (creating or upgrading) the database at `version`. Only tests ask for an older version,
 * to build a profile as an earlier release left it.
 */
export function openBridgeDbAt(version: number, name = DB_NAME): Promise<BridgeDb> {
  return openDB<BridgeDbSchema>(name, version, {
    upgrade: (database, oldVersion, _newVersion, tx) => migrate(database, tx, oldVersion, version),
  });
}

async function migrate(db: BridgeDb, tx: UpgradeTx, from: number, to: number): Promise<void> {
  for (let v = from; v < to; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`No migration from database version ${v}`);
    await step(db, tx);
  }
}

export type DbOpener = (() => Promise<BridgeDb>) & { close(): void };

/**
 * A memoised opener: one connection per worker lifetime. If another context upgrades the
 * database or the browser closes the connection, the next call reopens it.
 */
export function createDbOpener(name = DB_NAME): DbOpener {
  let pending: Promise<BridgeDb> | null = null;
  const open = (): Promise<BridgeDb> => {
    if (!pending) {
      const attempt = openDB<BridgeDbSchema>(name, DB_VERSION, {
        upgrade: (database, oldVersion, _newVersion, tx) =>
          migrate(database, tx, oldVersion, DB_VERSION),
        blocking() {
          // A newer version wants to open: let it, and reopen on our next use.
          void attempt.then((db) => db.close());
          pending = null;
        },
        terminated() {
          pending = null;
        },
      });
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = null;
      });
    }
    return pending;
  };
  return Object.assign(open, {
    close() {
      const current = pending;
      pending = null;
      void current?.then((db) => db.close()).catch(() => undefined);
    },
  });
}
