import type { IDBPTransaction } from 'idb';
import type { DuplicateMatch, HistoryItem, IncidentRequest } from '../model/incident';
import { iocIndexValues, type BridgeDb, type BridgeDbSchema } from './db';
import type { HistoryRecord } from './records';

/** The history keeps this many incidents; the oldest created ones go first. */
export const HISTORY_CAP = 5000;

type IncidentsWriteTx = IDBPTransaction<BridgeDbSchema, ('incidents' | 'outbox')[], 'readwrite'>;

export function newHistoryRecord(request: IncidentRequest, now: number): HistoryRecord {
  return {
    id: request.requestId,
    state: 'queued',
    title: request.title,
    source: request.source,
    iocs: request.iocs,
    iocCount: request.iocs.length,
    createdAt: now,
    updatedAt: now,
    attempts: 0,
    iocValues: iocIndexValues(request.iocs),
    ctixObjectIds: [
      ...new Set([...request.source.ctixObjectIds, ...request.ctixObjects.map((o) => o.id)]),
    ],
  };
}

/** The page-facing shape: index helper fields stay in the worker. */
export function toHistoryItem(record: HistoryRecord): HistoryItem {
  const { iocValues: _v, ctixObjectIds: _o, ...item } = record;
  return item;
}

/**
 * Delete the oldest rows beyond the cap, inside the caller's transaction so an insert and its
 * pruning commit together. Only rows with nothing left in the outbox go: a row whose item is
 * still queued, sending, parked as failed or of unknown outcome is something the user has
 * not seen through, so it is kept (the history may then exceed the cap) and its outbox item
 * is never touched here.
 */
export async function pruneHistory(tx: IncidentsWriteTx, cap = HISTORY_CAP): Promise<number> {
  const store = tx.objectStore('incidents');
  const outbox = tx.objectStore('outbox');
  let excess = (await store.count()) - cap;
  let removed = 0;
  let cursor = excess > 0 ? await store.index('by-createdAt').openCursor() : null;
  while (cursor && excess > 0) {
    if ((await outbox.count(cursor.value.id)) === 0) {
      await cursor.delete();
      excess--;
      removed++;
    }
    cursor = await cursor.continue();
  }
  return removed;
}

function matches(record: HistoryRecord, needle: string): boolean {
  if (!needle) return true;
  const hay = [record.title, record.readableId ?? '', record.source.host, record.source.pageTitle];
  if (hay.some((h) => h.toLowerCase().includes(needle))) return true;
  return record.iocValues.some((v) => v.includes(needle));
}

const newestFirst = (a: HistoryRecord, b: HistoryRecord) => b.createdAt - a.createdAt;

export interface HistoryStore {
  get(id: string): Promise<HistoryRecord | undefined>;
  /** Newest first; `query` matches title, readable ID, IOC value or source host. */
  list(
    query: string,
    offset: number,
    limit: number,
  ): Promise<{ items: HistoryRecord[]; total: number }>;
  forObject(ctixObjectId: string): Promise<HistoryRecord[]>;
  duplicates(
    iocValues: readonly string[],
    ctixObjectIds: readonly string[],
  ): Promise<DuplicateMatch[]>;
  count(): Promise<number>;
}

export function createHistoryStore(getDb: () => Promise<BridgeDb>): HistoryStore {
  return {
    async get(id) {
      return (await getDb()).get('incidents', id);
    },

    async list(query, offset, limit) {
      const needle = query.trim().toLowerCase();
      const db = await getDb();
      const byTime = db.transaction('incidents').store.index('by-createdAt');
      const items: HistoryRecord[] = [];
      if (!needle) {
        // No search: read only the page (a count, and a cursor skipped to `offset`). Visiting
        // every row took the popup's first page from a few ms to ~40 ms with 1,000 incidents.
        const total = await byTime.count();
        let page = await byTime.openCursor(null, 'prev');
        if (page && offset > 0) page = await page.advance(offset);
        while (page && items.length < limit) {
          items.push(page.value);
          page = await page.continue();
        }
        return { items, total };
      }
      let total = 0;
      let cursor = await byTime.openCursor(null, 'prev');
      while (cursor) {
        if (matches(cursor.value, needle)) {
          if (total >= offset && items.length < limit) items.push(cursor.value);
          total++;
        }
        cursor = await cursor.continue();
      }
      return { items, total };
    },

    async forObject(ctixObjectId) {
      const db = await getDb();
      const rows = await db.getAllFromIndex('incidents', 'by-ctix-object', ctixObjectId);
      return rows.toSorted(newestFirst);
    },

    async duplicates(iocValues, ctixObjectIds) {
      const db = await getDb();
      const tx = db.transaction('incidents');
      const byIoc = tx.store.index('by-ioc-value');
      const byObject = tx.store.index('by-ctix-object');
      const out: DuplicateMatch[] = [];
      const lookups = [
        ...[...new Set(iocValues)].map((key) => ({ key, rows: byIoc.getAll(key.toLowerCase()) })),
        ...[...new Set(ctixObjectIds)].map((key) => ({ key, rows: byObject.getAll(key) })),
      ];
      for (const { key, rows } of lookups) {
        // A failed incident never reached Respond, so it is not a duplicate of anything.
        const live = (await rows).filter((r) => r.state !== 'failed').toSorted(newestFirst);
        if (live.length === 0) continue;
        out.push({
          key,
          incidents: live.map((r) => ({
            id: r.id,
            title: r.title,
            ...(r.readableId === undefined ? {} : { readableId: r.readableId }),
            ...(r.link === undefined ? {} : { link: r.link }),
          })),
        });
      }
      await tx.done;
      return out;
    },

    async count() {
      return (await getDb()).count('incidents');
    },
  };
}
