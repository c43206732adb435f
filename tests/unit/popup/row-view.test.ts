import { describe, expect, it } from 'vitest';
import { exactTime } from '../../../utils/format/time';
import { exactTimeFast } from '../../../utils/popup/exact-time';
import { iocCountText, rowView } from '../../../utils/popup/row-view';
import { sourceKindInfo, sourceLabel } from '../../../utils/popup/source-view';
import type { IncidentSource } from '../../../utils/model/incident';
import { failedItem, historyItem, NOW } from './fixtures';

const source = (patch: Partial<IncidentSource>): IncidentSource => ({
  kind: 'page',
  url: 'https://blog.example/a',
  pageTitle: 'APT notes',
  host: 'blog.example',
  ctixObjectIds: [],
  ...patch,
});

describe('rowView', () => {
  it('shows a created incident with its readable ID, link and copy action', () => {
    const item = historyItem({ readableId: 'INC42', createdAt: NOW - 5 * 60_000, iocCount: 3 });
    const view = rowView(item, NOW);
    expect(view).toMatchObject({
      readableId: 'INC42',
      stateText: 'Created',
      stateTone: 'ok',
      reason: null,
      link: item.link,
      canCopy: true,
      canRetry: false,
      canDismiss: false,
      iocText: '3 IOCs',
      timeText: '5 min ago',
    });
    expect(view.timeExact).toMatch(/2026/);
  });

  it('gives a failed incident its reason and the retry and dismiss actions, but no link', () => {
    const view = rowView(failedItem(), NOW);
    expect(view).toMatchObject({
      readableId: null,
      stateText: 'Failed',
      stateTone: 'danger',
      reason: 'Respond rejected the request (400) for POST v1/incident/.',
      reasonDetail: '{"title":["This field is required."]}',
      link: null,
      canCopy: false,
      canRetry: true,
      canDismiss: true,
    });
  });

  it('a created incident with duplicates shows every ID', () => {
    const item = historyItem({
      readableId: 'INC7',
      duplicates: [{ apiId: 'u-8', readableId: 'INC8' }],
    });
    expect(rowView(item, NOW)).toMatchObject({ stateText: 'Created twice', stateTone: 'warn' });
    expect(rowView(item, NOW).reason).toContain('INC7 and INC8');
    expect(rowView(historyItem({ readableId: 'INC7' }), NOW).stateText).toBe('Created');
  });

  it('an incident of unknown outcome: not sure, dismiss with confirm, resend', () => {
    const queued = rowView(historyItem({ state: 'queued', outcomeUnknown: true }), NOW);
    expect(queued).toMatchObject({
      stateText: 'Not sure it was created; checking',
      canDismiss: true,
      dismissNeedsConfirm: true,
      canResend: true,
      canRetry: false,
    });
    const plainQueued = rowView(historyItem({ state: 'queued' }), NOW);
    expect(plainQueued).toMatchObject({ stateText: 'Queued', canDismiss: false, canResend: false });
    const failed = rowView(failedItem({ outcomeUnknown: true }), NOW);
    expect(failed).toMatchObject({ canRetry: true, canDismiss: true, canResend: true });
    expect(rowView(failedItem(), NOW).canResend).toBe(false);
    const sending = rowView(historyItem({ state: 'sending', outcomeUnknown: true }), NOW);
    expect(sending).toMatchObject({ canDismiss: false, canResend: false });
  });

  it('says a failure without a stored error still failed', () => {
    const { error: _e, ...item } = failedItem();
    expect(rowView(item, NOW).reason).toBe('Respond did not accept this incident.');
  });

  it('says why a queued incident waits after a failed attempt', () => {
    const item = historyItem({
      state: 'queued',
      error: {
        kind: 'server',
        message: 'Respond had a server error (status 503).',
        retryable: true,
      },
    });
    const view = rowView(item, NOW);
    expect(view.stateText).toBe('Queued, will retry');
    expect(view.reason).toBe('Respond had a server error (status 503).');
    expect(view.canRetry).toBe(false);
  });

  it.each([
    ['queued', 'Queued'],
    ['sending', 'Sending…'],
  ] as const)('names the %s state and opens nothing yet', (state, text) => {
    const { readableId: _r, link: _l, ...base } = historyItem();
    const view = rowView({ ...base, state }, NOW);
    expect(view.stateText).toBe(text);
    expect(view.link).toBeNull();
    expect(view.canCopy).toBe(false);
  });

  it('never links a row that is not created, even if a link is stored', () => {
    expect(rowView(historyItem({ state: 'sending' }), NOW).link).toBeNull();
  });
});

describe('iocCountText', () => {
  it.each([
    [0, 'No IOCs'],
    [1, '1 IOC'],
    [12, '12 IOCs'],
  ])('%i reads %s', (n, text) => expect(iocCountText(n)).toBe(text));
});

describe('source', () => {
  it('labels web flows with host and page title', () => {
    expect(sourceLabel(source({}))).toBe('blog.example — APT notes');
    expect(sourceLabel(source({ pageTitle: '  ' }))).toBe('blog.example');
    expect(sourceLabel(source({ host: '', pageTitle: '' }))).toBe('blog.example');
    expect(sourceLabel(source({ host: '', pageTitle: '', url: 'not a url' }))).toBe('not a url');
  });

  it('labels Intel Exchange flows by object', () => {
    expect(
      sourceLabel(source({ kind: 'ctix-object', pageTitle: 'Emotet', ctixObjectIds: ['m-1'] })),
    ).toBe('Emotet');
    expect(
      sourceLabel(source({ kind: 'ctix-object', pageTitle: '', ctixObjectIds: ['m-1'] })),
    ).toBe('m-1');
    expect(sourceLabel(source({ kind: 'ctix-bulk', ctixObjectIds: ['a', 'b', 'c'] }))).toBe(
      '3 Intel Exchange objects',
    );
    expect(sourceLabel(source({ kind: 'ctix-bulk', ctixObjectIds: ['a'] }))).toBe(
      '1 Intel Exchange object',
    );
    expect(sourceLabel(source({ kind: 'bulletin', pageTitle: 'Weekly bulletin' }))).toBe(
      'Weekly bulletin',
    );
  });

  it('gives every flow kind its own icon and words', () => {
    const kinds = [
      'selection',
      'link',
      'page',
      'ctix-object',
      'ctix-bulk',
      'bulletin',
      'investigation',
    ] as const;
    const icons = kinds.map((k) => sourceKindInfo(k).icon);
    expect(new Set(icons).size).toBe(kinds.length);
    expect(sourceKindInfo('investigation').label).toBe('Threat investigation');
    const view = rowView(historyItem({ source: source({ kind: 'selection' }) }), NOW);
    expect(view).toMatchObject({ sourceIcon: 'selection', sourceKindLabel: 'Text selection' });
  });
});

describe('exactTimeFast', () => {
  it('says exactly what exactTime says', () => {
    for (const at of [0, NOW, NOW - 86_400_000 * 200, Date.UTC(2031, 0, 1, 23, 59, 59)]) {
      expect(exactTimeFast(at)).toBe(exactTime(at));
    }
  });
});
