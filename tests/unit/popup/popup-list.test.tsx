// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_ROWS_MARK } from '../../../components/popup/IncidentList';
import { fakeBackground } from './fake-background';
import { failedItem, historyItem } from './fixtures';
import { $, $$, buttonByText, fakeActions, renderPopup, rowIds, unmountAll } from './render';

afterEach(unmountAll);

const copyButton = (id: string) => $<HTMLButtonElement>(`button[aria-label="Copy ID ${id}"]`);
const focusedTitle = () =>
  document.activeElement?.closest('li')?.querySelector('.row-title')?.textContent;
const press = (key: string) =>
  document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));

describe('popup: the incident list', () => {
  it('shows the history newest first, each row with ID, title, source, time, IOCs and state', async () => {
    const older = historyItem({
      readableId: 'INC7',
      title: 'Older one',
      createdAt: Date.now() - 3_600_000,
    });
    const newer = historyItem({
      readableId: 'INC9',
      title: 'Newer one',
      createdAt: Date.now() - 120_000,
      iocCount: 2,
      source: {
        kind: 'bulletin',
        url: 'https://intel.example/ctix/threat-bulletin/b-1',
        pageTitle: 'Weekly bulletin',
        host: 'intel.example',
        ctixObjectIds: ['b-1'],
      },
    });
    const background = fakeBackground({ items: [older, newer] });
    renderPopup(background);

    await expect.poll(rowIds).toEqual(['INC9', 'INC7']);
    const row = $$('.incident-list > li')[0];
    if (!row) throw new Error('no row');
    expect($('.row-title', row)?.textContent).toBe('Newer one');
    expect($('.row-source', row)?.textContent).toBe('Threat bulletin: Weekly bulletin');
    expect($('.row-icon', row)?.getAttribute('title')).toBe('Threat bulletin');
    expect($('.row-iocs', row)?.textContent).toBe('2 IOCs');
    expect($('.row-time', row)?.textContent).toBe('2 min ago');
    expect($('.row-time', row)?.getAttribute('title')).toMatch(/\d{4}/);
    expect($('.state', row)?.textContent).toBe('Created');
    expect($('.list-heading')?.textContent).toBe('Recent incidents2');
    expect(background.payloads('history.list')[0]).toEqual({ query: '', offset: 0, limit: 50 });
    // The bench reads this mark.
    expect(performance.getEntriesByName(FIRST_ROWS_MARK).length).toBe(1);
  });

  it('opens a created incident in a new tab, and a pending one nowhere', async () => {
    const created = historyItem({ title: 'Open me' });
    const { readableId: _r, link: _l, ...pending } = historyItem({ title: 'Not yet' });
    const background = fakeBackground({ items: [created, { ...pending, state: 'queued' }] });
    const { actions } = renderPopup(background);
    await expect.poll(() => $$('.row-main').length).toBe(2);

    const link = $<HTMLAnchorElement>('a.row-main');
    expect(link?.getAttribute('href')).toBe(created.link);
    link?.click();
    expect(actions.openTab).toHaveBeenCalledWith(created.link);
    // The popup did not navigate away itself.
    expect(location.href).not.toBe(created.link);

    const box = $$('.row-main').find((e) => e.tagName === 'DIV');
    expect(box?.textContent).toContain('No ID yet');
    expect(box?.getAttribute('tabindex')).toBe('0');
    box?.click();
    expect(actions.openTab).toHaveBeenCalledTimes(1);
  });

  it('copies the readable ID and confirms it visibly', async () => {
    const background = fakeBackground({ items: [historyItem({ readableId: 'INC1234' })] });
    const { actions } = renderPopup(background);
    await expect.poll(() => copyButton('INC1234')).toBeTruthy();
    copyButton('INC1234')?.click();
    expect(actions.copyText).toHaveBeenCalledWith('INC1234');
    await expect.poll(() => $('.copy-note')?.textContent).toBe('Copied');
    // The confirmation goes away by itself.
    await expect.poll(() => $('.copy-note')?.textContent, { timeout: 3000 }).toBe('');
  });

  it('says when copying failed', async () => {
    const actions = fakeActions({
      copyText: vi.fn(async () => {
        throw new Error('Document is not focused.');
      }),
    });
    renderPopup(fakeBackground({ items: [historyItem({ readableId: 'INC6' })] }), actions);
    await expect.poll(() => copyButton('INC6')).toBeTruthy();
    copyButton('INC6')?.click();
    await expect.poll(() => $('.copy-note')?.textContent).toBe('Copy failed');
  });

  it('draws titles, sources and reasons as text, never as HTML', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const background = fakeBackground({
      items: [
        failedItem({
          title: evil,
          source: {
            kind: 'page',
            url: 'https://x.example/',
            pageTitle: evil,
            host: 'x.example',
            ctixObjectIds: [],
          },
          error: { kind: 'bad-request', message: evil, detail: evil, retryable: false },
        }),
      ],
    });
    renderPopup(background);
    await expect.poll(() => $('.row-title')?.textContent).toBe(evil);
    expect($('.incident-list img')).toBeNull();
    expect($('.row-reason p')?.textContent).toBe(evil);
    expect($('.row-reason pre')?.textContent).toBe(evil);
  });

  it('loads 50 rows first and more on demand', async () => {
    const items = Array.from({ length: 120 }, (_, i) =>
      historyItem({ title: `Bulk ${i}`, createdAt: 1_000_000 - i }),
    );
    const background = fakeBackground({ items });
    renderPopup(background);
    await expect.poll(() => $$('.incident-list > li').length).toBe(50);
    const more = buttonByText('Load more (50 of 120)');
    expect(more).toBeTruthy();
    more?.click();
    await expect.poll(() => $$('.incident-list > li').length).toBe(100);
    expect(background.payloads('history.list').at(-1)).toEqual({
      query: '',
      offset: 50,
      limit: 50,
    });
    buttonByText(/^Load more/)?.click();
    await expect.poll(() => $$('.incident-list > li').length).toBe(120);
    expect(buttonByText(/^Load more/)).toBeUndefined();
    const titles = $$('.row-title').map((e) => e.textContent);
    expect(titles[0]).toBe('Bulk 0');
    expect(titles.at(-1)).toBe('Bulk 119');
    expect(new Set(titles).size).toBe(120);
  });

  it('moves focus between rows with the arrow keys, from the search box too', async () => {
    const items = [1, 2, 3].map((n) => historyItem({ title: `Row ${n}`, createdAt: 10 - n }));
    renderPopup(fakeBackground({ items }));
    await expect.poll(() => $$('.row-main').length).toBe(3);

    $<HTMLInputElement>('input[type=search]')?.focus();
    press('ArrowDown');
    expect(focusedTitle()).toBe('Row 1');
    press('ArrowDown');
    press('ArrowDown');
    expect(focusedTitle()).toBe('Row 3');
    press('ArrowDown');
    expect(focusedTitle()).toBe('Row 3');
    press('ArrowUp');
    expect(focusedTitle()).toBe('Row 2');
    press('Home');
    expect(focusedTitle()).toBe('Row 1');
    // From a row's copy button, the arrows still move by row.
    $<HTMLButtonElement>('.incident-list > li:nth-child(2) .copy button')?.focus();
    press('ArrowDown');
    expect(focusedTitle()).toBe('Row 3');
    expect(document.activeElement?.classList.contains('row-main')).toBe(true);
  });
});
