import { deleteDB, openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createDbOpener, DB_NAME, DB_VERSION, openBridgeDbAt } from '../../../utils/store/db';
import { newHistoryRecord } from '../../../utils/store/history';
import { makeRequest } from './fixtures';

describe('openBridgeDb', () => {
  it('creates every store and index on a fresh profile', async () => {
    const db = await createDbOpener()();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].toSorted()).toEqual(
      ['incidents', 'keys', 'outbox', 'secrets', 'settings', 'status'].toSorted(),
    );
    const incidents = db.transaction('incidents').store;
    expect([...incidents.indexNames].toSorted()).toEqual(
      ['by-createdAt', 'by-ctix-object', 'by-ioc-value'].toSorted(),
    );
    expect(incidents.index('by-ioc-value').multiEntry).toBe(true);
    expect(incidents.index('by-ctix-object').multiEntry).toBe(true);
    db.close();
  });

  it('upgrades a version 1 profile with data, backfilling the new indexes', async () => {
    const v1 = await openBridgeDbAt(1);
    expect([...v1.transaction('incidents').store.indexNames]).toEqual(['by-createdAt']);
    // A v1 row as the first release wrote it: no flat iocValues / ctixObjectIds yet.
    const {
      iocValues: _v,
      ctixObjectIds: _o,
      ...v1Row
    } = newHistoryRecord(
      makeRequest({
        requestId: '11111111-1111-4111-8111-111111111111',
        iocs: [{ type: 'domain', value: 'Old.Example' }],
        source: {
          kind: 'ctix-object',
          url: 'https://t.example/ctix/threatdata/indicator/abc',
          pageTitle: 'x',
          host: 't.example',
          ctixObjectIds: ['obj-1'],
        },
      }),
      1000,
    );
    await v1.put('incidents', v1Row as never);
    await v1.put('outbox', { id: 'o1' } as never);
    await v1.put('settings', { id: 'local', settings: { kept: true }, updatedAt: 1 } as never);
    v1.close();

    const db = await createDbOpener()();
    expect(db.version).toBe(2);
    const byIoc = await db.getAllFromIndex('incidents', 'by-ioc-value', 'old.example');
    expect(byIoc.map((r) => r.id)).toEqual(['11111111-1111-4111-8111-111111111111']);
    const byObject = await db.getAllFromIndex('incidents', 'by-ctix-object', 'obj-1');
    expect(byObject).toHaveLength(1);
    expect(byObject[0]?.title).toBe(v1Row.title);
    // Nothing else was lost on the way.
    expect(await db.get('outbox', 'o1')).toEqual({ id: 'o1' });
    expect((await db.get('settings', 'local'))?.settings).toEqual({ kept: true });
    db.close();
  });

  it('refuses a database from a newer release instead of corrupting it', async () => {
    const future = await openDB(DB_NAME, DB_VERSION + 1);
    future.close();
    await expect(createDbOpener()()).rejects.toThrow();
  });

  it('gives way to another context that deletes or upgrades the database, then reopens', async () => {
    const open = createDbOpener();
    const first = await open();
    await first.put('outbox', { id: 'gone' } as never);
    // deleteDB waits forever unless our connection closes on 'versionchange'.
    await deleteDB(DB_NAME);
    const second = await open();
    expect(second).not.toBe(first);
    expect(await second.get('outbox', 'gone')).toBeUndefined();
    open.close();
  });
});
