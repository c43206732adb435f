import { describe, expect, it } from 'vitest';
import { createDbOpener } from '../../../utils/store/db';
import { createHistoryStore } from '../../../utils/store/history';
import { createOutboxStore } from '../../../utils/store/outbox';
import { makePrepared, makeRequest } from '../store/fixtures';

/** The store's pages as the popup reads them: PAGE_SIZE at a time until `total`. */
describe('history.list paging, as the popup pages it', () => {
  async function seeded(count: number) {
    const open = createDbOpener();
    let clock = 1_000;
    const outbox = createOutboxStore(open, { now: () => (clock += 1) });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const request = makeRequest({ title: i % 2 ? `odd ${i}` : `even ${i}` });
      await outbox.enqueue(request, makePrepared(request.requestId));
      ids.push(request.requestId);
    }
    return { history: createHistoryStore(open), newestFirst: ids.toReversed() };
  }

  it('walks every row once, newest first, with a stable total', async () => {
    const { history, newestFirst } = await seeded(23);
    const seen: string[] = [];
    for (let offset = 0; ; offset += 10) {
      const page = await history.list('', offset, 10);
      expect(page.total).toBe(23);
      if (page.items.length === 0) break;
      seen.push(...page.items.map((i) => i.id));
    }
    expect(seen).toEqual(newestFirst);
  });

  it('answers an empty page past the end, and pages searches the same way', async () => {
    const { history } = await seeded(7);
    expect(await history.list('', 7, 5)).toEqual({ items: [], total: 7 });
    expect(await history.list('', 50, 5)).toEqual({ items: [], total: 7 });
    const page = await history.list('ODD', 1, 2);
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.title)).toEqual(['odd 3', 'odd 1']);
  });
});
