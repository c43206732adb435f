import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createReviewStore, REVIEW_TTL_MS } from '../../../utils/review/review-store';
import { makeDraft } from '../capture/fixtures';

const area = () => fakeBrowser.storage.session;

describe('review store (storage.session)', () => {
  it('keeps drafts by reviewId and by tab; a new store (a restarted worker) still finds them', async () => {
    const store = createReviewStore(area());
    await store.put({ reviewId: 'r1', tabId: 7, host: 'page', createdAt: Date.now() });
    expect((await store.forTab(7))?.draft).toBeUndefined();
    await store.setDraft('r1', makeDraft({ reviewId: 'r1' }));

    const restarted = createReviewStore(area());
    expect((await restarted.get('r1'))?.draft?.title).toBe('Command and control');
    expect((await restarted.forTab(7))?.reviewId).toBe('r1');
    expect(await restarted.forTab(8)).toBeUndefined();
  });

  it('a newer review becomes the tab’s; removing the older one leaves the newer pointer', async () => {
    const store = createReviewStore(area());
    await store.put({ reviewId: 'old', tabId: 3, host: 'page', createdAt: Date.now() });
    await store.put({ reviewId: 'new', tabId: 3, host: 'window', createdAt: Date.now() });
    expect((await store.forTab(3))?.reviewId).toBe('new');
    expect(await store.remove('old')).toBe(true);
    expect((await store.forTab(3))?.reviewId).toBe('new');
    expect(await store.remove('old')).toBe(false);
  });

  it('removes every review of a closed tab, page tab or window tab', async () => {
    const store = createReviewStore(area());
    await store.put({ reviewId: 'a', tabId: 1, host: 'page', createdAt: Date.now() });
    await store.put({
      reviewId: 'b',
      tabId: 2,
      host: 'window',
      windowTabId: 9,
      createdAt: Date.now(),
    });
    expect(await store.removeForTab(9)).toBe(1);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.removeForTab(1)).toBe(1);
    expect(await store.forTab(1)).toBeUndefined();
    expect(await area().get(null)).toEqual({});
  });

  it('links a request to its review; concurrent writes do not lose each other', async () => {
    const store = createReviewStore(area());
    await store.put({ reviewId: 'r', tabId: 4, host: 'window', createdAt: Date.now() });
    await Promise.all([
      store.setDraft('r', makeDraft({ reviewId: 'r' })),
      store.update('r', { windowTabId: 44 }),
      store.update('r', { requestId: 'req-1' }),
    ]);
    const record = await store.findByRequest('req-1');
    expect(record?.windowTabId).toBe(44);
    expect(record?.draft?.reviewId).toBe('r');
    expect(await store.findByRequest('req-2')).toBeUndefined();
    // A draft for a review that was closed meanwhile goes nowhere.
    await store.remove('r');
    expect(await store.setDraft('r', makeDraft())).toBeUndefined();
    expect(await store.get('r')).toBeUndefined();
  });

  it('forgets reviews older than a day', async () => {
    let now = 1_000_000;
    const store = createReviewStore(area(), () => now);
    await store.put({ reviewId: 'stale', tabId: 1, host: 'page', createdAt: now });
    now += REVIEW_TTL_MS + 1;
    expect(await store.get('stale')).toBeUndefined();
    await store.put({ reviewId: 'fresh', tabId: 2, host: 'page', createdAt: now });
    // Pruned from storage on the next write.
    expect(Object.keys(await area().get(null)).toSorted()).toEqual([
      'review-tab:2',
      'review:fresh',
    ]);
  });
});
