import { describe, expect, it } from 'vitest';
import { createDbOpener } from '../../../utils/store/db';
import { createHistoryStore, HISTORY_CAP, newHistoryRecord } from '../../../utils/store/history';
import { createOutboxStore } from '../../../utils/store/outbox';
import { makePrepared, makeRequest } from './fixtures';

function setup(historyCap?: number) {
  const open = createDbOpener();
  let clock = 1_000;
  const now = () => clock;
  const tick = (ms = 1) => (clock += ms);
  const outbox = createOutboxStore(open, { now, ...(historyCap ? { historyCap } : {}) });
  const history = createHistoryStore(open);
  const add = async (req = makeRequest()) => {
    tick();
    await outbox.enqueue(req, makePrepared(req.requestId));
    return req;
  };
  return { open, outbox, history, add, tick };
}

const source = (ids: string[]) => ({
  kind: 'ctix-object' as const,
  url: 'https://t.example/ctix/threatdata/indicator/x',
  pageTitle: 'x',
  host: 't.example',
  ctixObjectIds: ids,
});

describe('history store', () => {
  it('lists newest first with offset, limit and total', async () => {
    const { history, add } = setup();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await add()).requestId);
    const page = await history.list('', 1, 2);
    expect(page.total).toBe(5);
    expect(page.items.map((i) => i.id)).toEqual([ids[3], ids[2]]);
  });

  it('searches title, readable ID, IOC value and source host, ignoring case', async () => {
    const { history, outbox, add } = setup();
    const a = await add(makeRequest({ title: 'Emotet wave' }));
    const b = await add(makeRequest({ iocs: [{ type: 'url', value: 'https://Bad.Example/x' }] }));
    const c = await add(
      makeRequest({
        source: {
          kind: 'link',
          url: 'https://intel.vendor.test/p',
          pageTitle: 'p',
          host: 'intel.vendor.test',
          ctixObjectIds: [],
        },
      }),
    );
    const d = await add();
    await outbox.claim(d.requestId);
    await outbox.complete(d.requestId, { apiId: 'u-1', readableId: 'INC777' });

    const search = async (q: string) => (await history.list(q, 0, 50)).items.map((i) => i.id);
    expect(await search('EMOTET')).toEqual([a.requestId]);
    expect(await search('bad.example')).toEqual([b.requestId]);
    expect(await search('vendor.test')).toEqual([c.requestId]);
    expect(await search('inc777')).toEqual([d.requestId]);
    expect(await search('nothing-like-this')).toEqual([]);
  });

  it('finds duplicates by IOC value and by CTIX object, skipping failed incidents', async () => {
    const { history, outbox, add } = setup();
    const withObject = await add(
      makeRequest({
        iocs: [{ type: 'md5', value: 'D41D8CD98F00B204E9800998ECF8427E' }],
        ctixObjects: [{ id: 'malware--1', type: 'malware', name: 'Emotet' }],
      }),
    );
    const failed = await add(makeRequest({ iocs: [{ type: 'ipv4', value: '198.51.100.1' }] }));
    await outbox.claim(failed.requestId);
    await outbox.park(failed.requestId, { kind: 'bad-request', message: 'no', retryable: false });

    const matches = await history.duplicates(
      ['d41d8cd98f00b204e9800998ecf8427e', '198.51.100.1', 'unseen.example'],
      ['malware--1', 'malware--2'],
    );
    expect(matches).toEqual([
      {
        key: 'd41d8cd98f00b204e9800998ecf8427e',
        incidents: [{ id: withObject.requestId, title: withObject.title }],
      },
      { key: 'malware--1', incidents: [{ id: withObject.requestId, title: withObject.title }] },
    ]);
    expect((await history.forObject('malware--1')).map((r) => r.id)).toEqual([
      withObject.requestId,
    ]);
  });

  it('lists the incidents of a CTIX object newest first, from the source or connected objects', async () => {
    const { history, add } = setup();
    const older = await add(makeRequest({ source: source(['indicator--9']) }));
    await add(makeRequest({ source: source(['indicator--8']) }));
    const newer = await add(
      makeRequest({ ctixObjects: [{ id: 'indicator--9', type: 'indicator', name: 'n' }] }),
    );
    expect((await history.forObject('indicator--9')).map((r) => r.id)).toEqual([
      newer.requestId,
      older.requestId,
    ]);
  });

  it('keeps at most the cap, pruning the oldest finished ones but never queued ones', async () => {
    const { history, outbox, add, open } = setup(4);
    const first = await add(); // stays queued: must survive
    const done = [];
    for (let i = 0; i < 4; i++) {
      const r = await add();
      await outbox.claim(r.requestId);
      await outbox.complete(r.requestId, { apiId: `u${i}` });
      done.push(r.requestId);
    }
    await add();
    expect(await history.count()).toBe(4);
    const kept = (await history.list('', 0, 10)).items.map((i) => i.id);
    expect(kept).toContain(first.requestId);
    expect(kept).not.toContain(done[0]);
    expect(kept).not.toContain(done[1]);
    expect(await (await open()).get('outbox', first.requestId)).toBeDefined();
  });

  it('never prunes an unsent incident: failed and queued rows keep their outbox items', async () => {
    const { history, outbox, add, open } = setup(3);
    const failed = await add();
    await outbox.claim(failed.requestId);
    await outbox.park(failed.requestId, { kind: 'bad-request', message: 'no', retryable: false });
    const unknown = await add();
    await outbox.claim(unknown.requestId);
    await outbox.reschedule(unknown.requestId, {
      at: 5_000,
      error: { kind: 'timeout', message: 'timed out', retryable: true },
      needsReconcile: true,
    });
    const queued = await add();
    const done = await add();
    await outbox.claim(done.requestId);
    await outbox.complete(done.requestId, { apiId: 'u-done' });
    // Past the cap: only the created row may go, even though the failed one is older.
    await add();
    await add();
    const db = await open();
    for (const r of [failed, unknown, queued]) {
      expect(await history.get(r.requestId)).toBeDefined();
      expect(await db.get('outbox', r.requestId)).toBeDefined();
    }
    expect(await history.get(done.requestId)).toBeUndefined();
    expect((await outbox.get(failed.requestId))?.parked).toBe(true);
    expect(await outbox.counts()).toEqual({ queued: 4, failed: 1 });
  });

  it(`holds ${HISTORY_CAP} entries with the real cap`, async () => {
    const { history, add, open } = setup();
    const db = await open();
    const tx = db.transaction('incidents', 'readwrite');
    for (let i = 0; i < HISTORY_CAP; i++) {
      const row = newHistoryRecord(makeRequest(), i);
      void tx.store.put({ ...row, state: 'created', apiId: `u${i}` });
    }
    await tx.done;
    const oldest = (await db.getAllFromIndex('incidents', 'by-createdAt', 0))[0]!;
    const fresh = await add();
    expect(await history.count()).toBe(HISTORY_CAP);
    expect(await history.get(oldest.id)).toBeUndefined();
    expect(await history.get(fresh.requestId)).toBeDefined();
  });
});
