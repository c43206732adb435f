// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CHANGE_SIGNAL_KEY } from '../../../utils/messaging/signal-key';
import { fakeBackground } from './fake-background';
import { historyItem } from './fixtures';
import { $, $$, buttonByText, renderPopup, rowIds, typeInto, unmountAll } from './render';

afterEach(unmountAll);

const bump = (n: number) => fakeBrowser.storage.local.set({ [CHANGE_SIGNAL_KEY]: n });

describe('popup: live updates', () => {
  it('turns a queued row into created when the background signals a change', async () => {
    const { readableId: _r, link: _l, ...base } = historyItem({ title: 'Slow one' });
    const queued = { ...base, state: 'queued' as const };
    const background = fakeBackground({ items: [queued], status: undefined });
    renderPopup(background);
    await expect.poll(() => $('.state')?.textContent).toBe('Queued');
    const row = $('.incident-list > li');

    background.state.items = [
      { ...queued, state: 'created', readableId: 'INC77', link: 'https://t.example/cftr/x/' },
    ];
    await bump(1);
    await expect.poll(() => $('.state')?.textContent).toBe('Created');
    expect(rowIds()).toEqual(['INC77']);
    // Updated in place: the same row element, not a remounted popup.
    expect($('.incident-list > li')).toBe(row);
    expect(background.payloads('status.get').length).toBeGreaterThan(1);
  });

  it('keeps every row already loaded when it refreshes', async () => {
    const items = Array.from({ length: 120 }, (_, i) =>
      historyItem({ title: `Bulk ${i}`, createdAt: 1_000_000 - i }),
    );
    const background = fakeBackground({ items });
    renderPopup(background);
    await expect.poll(() => $$('.incident-list > li').length).toBe(50);
    buttonByText(/^Load more/)?.click();
    await expect.poll(() => $$('.incident-list > li').length).toBe(100);

    background.state.items = [historyItem({ title: 'Brand new', createdAt: 2_000_000 }), ...items];
    await bump(2);
    await expect.poll(() => $('.row-title')?.textContent).toBe('Brand new');
    expect(background.payloads('history.list').at(-1)).toEqual({
      query: '',
      offset: 0,
      limit: 100,
    });
    expect($$('.incident-list > li')).toHaveLength(100);
    expect(buttonByText(/^Load more/)?.textContent).toBe('Load more (100 of 121)');
  });
});

describe('popup: search', () => {
  const items = [
    historyItem({ title: 'Phishing kit', readableId: 'INC501' }),
    historyItem({
      title: 'Botnet',
      readableId: 'INC502',
      iocs: [{ type: 'domain', value: 'c2.evil.example' }],
    }),
    historyItem({
      title: 'Other',
      readableId: 'INC503',
      source: {
        kind: 'link',
        url: 'https://reports.example/x',
        pageTitle: 'x',
        host: 'reports.example',
        ctixObjectIds: [],
      },
    }),
  ];

  it('searches once the typing settles, by title, readable ID, IOC value and host', async () => {
    const background = fakeBackground({ items });
    renderPopup(background);
    await expect.poll(() => rowIds().length).toBe(3);
    const input = $<HTMLInputElement>('input[type=search]');
    if (!input) throw new Error('no search box');
    const searched = () =>
      background
        .payloads('history.list')
        .map((p) => p.query)
        .filter((q) => q !== '');

    // Keystrokes 150 ms apart (on a fake clock, so the test cannot flake): one request for
    // the settled text, none for the keystrokes in between.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      for (const partial of ['c', 'c2', 'c2.evil']) {
        typeInto(input, partial);
        await vi.advanceTimersByTimeAsync(150);
      }
      expect(searched()).toEqual([]);
      await vi.advanceTimersByTimeAsync(100);
    } finally {
      vi.useRealTimers();
    }
    await expect.poll(rowIds).toEqual(['INC502']);
    expect(searched()).toEqual(['c2.evil']);

    typeInto(input, 'inc501');
    await expect.poll(rowIds).toEqual(['INC501']);
    typeInto(input, 'reports.example');
    await expect.poll(rowIds).toEqual(['INC503']);
    typeInto(input, 'phishing');
    await expect.poll(rowIds).toEqual(['INC501']);

    typeInto(input, 'nothing like this');
    await expect
      .poll(() => $('.empty-title')?.textContent)
      .toBe('No incidents match “nothing like this”');
    typeInto(input, '');
    await expect.poll(() => rowIds().length).toBe(3);
  });

  it('never lets a slow answer for an old search replace a newer one', async () => {
    const background = fakeBackground({ items });
    renderPopup(background);
    await expect.poll(() => rowIds().length).toBe(3);
    const input = $<HTMLInputElement>('input[type=search]');
    if (!input) throw new Error('no search box');

    background.hold('history.list');
    typeInto(input, 'botnet');
    await expect.poll(() => background.heldCount('history.list')).toBe(1);
    typeInto(input, 'phishing');
    await expect.poll(() => background.heldCount('history.list')).toBe(2);
    background.releaseOne('history.list', 'newest');
    await expect.poll(rowIds).toEqual(['INC501']);
    background.releaseOne('history.list', 'oldest');
    // Give the stale answer every chance to land; it must be dropped.
    await new Promise((r) => setTimeout(r, 50));
    expect(rowIds()).toEqual(['INC501']);
  });
});
