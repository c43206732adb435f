// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeDraft } from '../capture/fixtures';
import {
  $,
  $$,
  buttonByText,
  fakeBackground,
  ok,
  refused,
  renderDialog,
  typeInto,
  unmountAll,
} from './render';

afterEach(unmountAll);

const CHOICE = {
  canvasId: 'c1',
  name: 'Glasswing pivot',
  pageUrl: 'https://tenant/ctix/threat-investigation/c1',
  nodes: [
    { id: 'indicator--a1', objectType: 'indicator', label: '1.2.3.4', iocType: 'ipv4-addr' },
    { id: 'malware--m1', objectType: 'malware', label: 'GlassLoader' },
    { id: 'indicator--a2', objectType: 'indicator', label: 'evil.com', iocType: 'domain-name' },
  ],
};

const state = () => $('[role=dialog]')?.getAttribute('data-state');
const count = () => $('.iocs-head .count')?.textContent ?? '';
const boxes = () => $$<HTMLInputElement>('.node-row input[type=checkbox]');

describe('the node picker stage of the review dialog', () => {
  it('lists the pushed nodes by type with labelled checkboxes; Continue sends the picked IDs', async () => {
    let drafted = false;
    let pick: (() => ReturnType<typeof ok>) | null = () => ok({ started: true });
    const bg = fakeBackground({
      'review.get': () => ok({ draft: drafted ? makeDraft() : null }),
      'review.pick': () => pick?.() ?? ok({ started: true }),
      'history.duplicates': () => ok({ matches: [] }),
      'status.get': () => refused('n/a'),
    });
    const view = renderDialog(bg, { draftWaitMs: 60_000 });
    view.push({ type: 'choose', choice: CHOICE });
    await vi.waitFor(() => expect(state()).toBe('choose'));
    expect($('[role=dialog]')?.getAttribute('aria-busy')).toBe('false');
    expect($$('.node-group h3').map((h) => h.firstChild?.textContent?.trim())).toEqual([
      'Indicators',
      'Malware',
    ]);
    // Each checkbox is named by its label (the <label> wraps it).
    const labelled = boxes().map((b) => b.closest('label')?.textContent);
    expect(labelled).toEqual(['1.2.3.4ipv4-addr', 'evil.comdomain-name', 'GlassLoader']);
    expect(boxes().map((b) => b.checked)).toEqual([true, true, false]);
    expect(count()).toMatch(/^2 of 3 chosen/);
    await vi.waitFor(() => expect(document.activeElement).toBe($('input[type=search]')));

    typeInto($<HTMLInputElement>('input[type=search]') as HTMLInputElement, 'glass');
    await vi.waitFor(() => expect(boxes()).toHaveLength(1));
    buttonByText('Select all shown')?.click();
    await vi.waitFor(() => expect(count()).toMatch(/^3 of 3 chosen · 1 match/));
    typeInto($<HTMLInputElement>('input[type=search]') as HTMLInputElement, '');
    await vi.waitFor(() => expect(boxes()).toHaveLength(3));
    boxes()[0]?.click();
    await vi.waitFor(() => expect(count()).toMatch(/^2 of 3 chosen/));

    // A refusal is shown and the picker stays.
    pick = () => refused('This review has no nodes waiting to be chosen.');
    buttonByText(/^Continue with 2 nodes$/)?.click();
    await vi.waitFor(() => expect($('[role=alert]')?.textContent).toMatch(/no nodes waiting/));
    expect(state()).toBe('choose');

    pick = () => ok({ started: true });
    buttonByText(/^Continue with 2 nodes$/)?.click();
    await vi.waitFor(() => expect(state()).toBe('loading'));
    expect(bg.payloads('review.pick').at(-1)).toEqual({
      reviewId: 'review-1',
      // In canvas order, not in the order they were ticked.
      nodes: ['malware--m1', 'indicator--a2'],
    });
    // A replayed choice does not bring the picker back; the draft arrives as usual.
    view.push({ type: 'choose', choice: CHOICE });
    drafted = true;
    await view.ready();
    await vi.waitFor(() => expect(state()).not.toBe('loading'));
    expect(state()).not.toBe('choose');
  });

  it('Select none leaves nothing to continue with', async () => {
    const bg = fakeBackground({
      'review.get': () => ok({ draft: null }),
      'status.get': () => refused('n/a'),
    });
    const view = renderDialog(bg, { draftWaitMs: 60_000 });
    view.push({ type: 'choose', choice: CHOICE });
    await vi.waitFor(() => expect(state()).toBe('choose'));
    buttonByText('Select none')?.click();
    await vi.waitFor(() => expect(count()).toMatch(/^0 of 3 chosen/));
    expect($<HTMLButtonElement>('button[type=submit]')?.disabled).toBe(true);
  });
});
