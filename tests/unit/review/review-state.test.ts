import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  canSubmit,
  groupsOf,
  initialReviewState,
  iocKey,
  isTracking,
  reviewReducer,
  screenOf,
  selectedIocs,
  type ReviewAction,
  type ReviewState,
} from '../../../utils/review/review-state';
import { makeDraft, makeItem, REQUEST_ID } from '../capture/fixtures';

const run = (state: ReviewState, ...actions: ReviewAction[]) =>
  actions.reduce(reviewReducer, state);
const loaded = (draft = makeDraft()) =>
  run(initialReviewState(), { type: 'loaded', draft, requestId: REQUEST_ID });
const btcKey = iocKey({ type: 'btc', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' });
const ipKey = iocKey({ type: 'ipv4', value: '45.137.21.9' });

describe('review state machine', () => {
  it('verdicts are pending from the first frame the IOCs show, until the lookups end', () => {
    const state = loaded();
    expect(state.enrichment.status).toBe('pending');
    expect(
      run(state, { type: 'enrichStarted', total: 3 }, { type: 'enrichDone' }).enrichment.status,
    ).toBe('done');
    // Nothing to look up (no Intel Exchange, or no IOCs): never pending.
    expect(loaded(makeDraft({ canEnrich: false })).enrichment.status).toBe('idle');
    expect(loaded(makeDraft({ iocs: [] })).enrichment.status).toBe('idle');
  });

  it('loading: shows progress, then the draft with every mapped IOC checked', () => {
    let state = initialReviewState();
    expect(screenOf(state)).toBe('loading');
    state = run(state, { type: 'progress', text: 'Finding IOCs in 5.0 MB of text…' });
    expect(state.loadingText).toBe('Finding IOCs in 5.0 MB of text…');
    state = run(state, { type: 'loaded', draft: makeDraft(), requestId: REQUEST_ID });
    expect(screenOf(state)).toBe('review');
    expect(state.title).toBe('Command and control');
    expect([...state.selected].toSorted()).toEqual(
      [
        ipKey,
        iocKey({ type: 'ipv4', value: '193.42.33.107' }),
        iocKey({ type: 'domain', value: 'docs-share-preview.com' }),
      ].toSorted(),
    );
    // Unmapped: never selected.
    expect(state.selected.has(btcKey)).toBe(false);
    // Progress after loading changes nothing.
    expect(run(state, { type: 'progress', text: 'late' })).toBe(state);
  });

  it('loading can fail (no draft): an error without a way to create', () => {
    const state = run(initialReviewState(), { type: 'loadFailed', message: 'gone' });
    expect(screenOf(state)).toBe('error');
    expect(state.error).toEqual({ message: 'gone', retrying: false, canRetry: false });
    expect(canSubmit(state)).toBe(false);
  });

  it('unmapped IOCs cannot be checked, by toggle, group or select-all', () => {
    let state = run(loaded(), { type: 'toggle', key: btcKey });
    expect(state.selected.has(btcKey)).toBe(false);
    state = run(state, { type: 'selectGroup', iocType: 'btc', checked: true });
    state = run(state, { type: 'selectAll', checked: true });
    expect(state.selected.has(btcKey)).toBe(false);
    expect(selectedIocs(state).map((i) => i.type)).not.toContain('btc');
  });

  it('select none / all / per group / one by one', () => {
    let state = run(loaded(), { type: 'selectAll', checked: false });
    expect(selectedIocs(state)).toEqual([]);
    state = run(state, { type: 'selectGroup', iocType: 'ipv4', checked: true });
    expect(selectedIocs(state).map((i) => i.value)).toEqual(['45.137.21.9', '193.42.33.107']);
    state = run(state, { type: 'toggle', key: ipKey });
    expect(selectedIocs(state).map((i) => i.value)).toEqual(['193.42.33.107']);
    state = run(state, { type: 'selectAll', checked: true });
    expect(selectedIocs(state)).toHaveLength(3);
  });

  it('groups by type in extractor order with counts and mapping', () => {
    const state = run(loaded(), { type: 'toggle', key: ipKey });
    expect(
      groupsOf(state).map((g) => [g.type, g.respondField, g.iocs.length, g.selectedCount]),
    ).toEqual([
      ['ipv4', 'ip_address', 2, 1],
      ['domain', 'domain', 1, 1],
      ['btc', null, 1, 0],
    ]);
  });

  it('enriched: results arrive in batches and never block; failure keeps what came', () => {
    let state = run(loaded(), { type: 'enrichStarted', total: 3 });
    expect(screenOf(state)).toBe('review');
    expect(canSubmit(state)).toBe(true);
    state = run(state, {
      type: 'enriched',
      results: [{ value: '45.137.21.9', known: true, score: 87, tlp: 'amber' }],
    });
    state = run(state, { type: 'enriched', results: [{ value: '193.42.33.107', known: false }] });
    expect(screenOf(state)).toBe('review');
    state = run(state, { type: 'enrichDone' });
    expect(screenOf(state)).toBe('enriched');
    expect(state.enrichment.byValue['45.137.21.9']?.score).toBe(87);

    const failed = run(
      loaded(),
      { type: 'enrichStarted', total: 3 },
      {
        type: 'enriched',
        results: [{ value: '45.137.21.9', known: true }],
      },
      { type: 'enrichFailed', message: 'Intel Exchange refused the credentials' },
    );
    expect(failed.enrichment.status).toBe('failed');
    expect(failed.enrichment.byValue['45.137.21.9']?.known).toBe(true);
    expect(screenOf(failed)).toBe('review');
  });

  it('duplicate: a match on one of the draft IOCs, but not on our own new incident', () => {
    const match = {
      key: '45.137.21.9',
      incidents: [{ id: 'old', readableId: 'INC7', link: 'https://x/incidents/1/', title: 'Old' }],
    };
    let state = run(loaded(), { type: 'duplicates', matches: [match] });
    expect(screenOf(state)).toBe('duplicate');
    // A match about a value not in the draft is ignored.
    state = run(loaded(), { type: 'duplicates', matches: [{ ...match, key: '1.2.3.4' }] });
    expect(screenOf(state)).toBe('review');
    // Our own incident (same requestId) is not a duplicate of itself.
    state = run(loaded(), {
      type: 'duplicates',
      matches: [{ ...match, incidents: [{ id: REQUEST_ID, title: 'This one' }] }],
    });
    expect(screenOf(state)).toBe('review');
  });

  it('creating → done: one submit, the same requestId, then read-only', () => {
    let state = run(loaded(), { type: 'edit', field: 'title', value: '  Edited title ' });
    const request = buildRequest(state);
    expect(request).toMatchObject({ requestId: REQUEST_ID, title: 'Edited title' });
    expect(request?.iocs.map((i) => i.value)).toEqual([
      '45.137.21.9',
      '193.42.33.107',
      'docs-share-preview.com',
    ]);
    state = run(state, { type: 'submit' });
    expect(screenOf(state)).toBe('creating');
    // A second submit while creating is ignored; nothing is editable.
    expect(run(state, { type: 'submit' })).toBe(state);
    expect(canSubmit(state)).toBe(false);
    expect(run(state, { type: 'edit', field: 'title', value: 'x' })).toBe(state);
    expect(run(state, { type: 'toggle', key: ipKey })).toBe(state);

    state = run(state, { type: 'createAnswered', item: makeItem({ state: 'queued' }) });
    expect(screenOf(state)).toBe('creating');
    expect(isTracking(state)).toBe(true);
    state = run(state, {
      type: 'itemUpdated',
      item: makeItem({
        state: 'created',
        readableId: 'INC12',
        link: 'https://t/cftr/incidents/u/',
      }),
    });
    expect(screenOf(state)).toBe('done');
    expect(state.item?.readableId).toBe('INC12');
    expect(isTracking(state)).toBe(false);
    // Late polls cannot move it back.
    expect(run(state, { type: 'itemUpdated', item: makeItem({ state: 'queued' }) })).toBe(state);
    expect(buildRequest(state)?.requestId).toBe(REQUEST_ID);
  });

  it('error: a refused request can be fixed and sent again with the same requestId', () => {
    let state = run(
      loaded(),
      { type: 'submit' },
      { type: 'createFailed', message: 'Template invalid' },
    );
    expect(screenOf(state)).toBe('error');
    expect(state.error).toEqual({ message: 'Template invalid', retrying: false, canRetry: true });
    expect(canSubmit(state)).toBe(true);
    state = run(state, { type: 'edit', field: 'title', value: 'Better' }, { type: 'submit' });
    expect(screenOf(state)).toBe('creating');
    expect(buildRequest(state)).toMatchObject({ requestId: REQUEST_ID, title: 'Better' });
  });

  it('error: queued with an error says it will retry, keeps tracking, and can still finish', () => {
    let state = run(
      loaded(),
      { type: 'submit' },
      {
        type: 'createAnswered',
        item: makeItem({
          state: 'queued',
          attempts: 1,
          error: { kind: 'server', message: 'Respond answered 503.', retryable: true },
        }),
      },
    );
    expect(screenOf(state)).toBe('error');
    expect(state.error).toEqual({
      message: 'Respond answered 503.',
      retrying: true,
      canRetry: false,
    });
    expect(canSubmit(state)).toBe(false);
    expect(isTracking(state)).toBe(true);
    state = run(state, {
      type: 'itemUpdated',
      item: makeItem({ state: 'created', readableId: 'INC3' }),
    });
    expect(screenOf(state)).toBe('done');
  });

  it('error: failed for good is final', () => {
    const state = run(
      loaded(),
      { type: 'submit' },
      {
        type: 'createAnswered',
        item: makeItem({
          state: 'failed',
          error: {
            kind: 'bad-request',
            message: 'Respond rejected the request (400).',
            retryable: false,
          },
        }),
      },
    );
    expect(state.error).toEqual({
      message: 'Respond rejected the request (400).',
      retrying: false,
      canRetry: false,
    });
    expect(isTracking(state)).toBe(false);
    expect(canSubmit(state)).toBe(false);
  });

  it('ignores updates about another incident, and answers outside creating', () => {
    let state = run(loaded(), { type: 'submit' }, { type: 'createAnswered', item: makeItem() });
    const other = makeItem({ id: 'someone-else', state: 'created' });
    expect(run(state, { type: 'itemUpdated', item: other })).toBe(state);
    state = loaded();
    expect(run(state, { type: 'createAnswered', item: makeItem({ state: 'created' }) })).toBe(
      state,
    );
  });

  it('an empty title cannot be submitted; the title is capped at 255', () => {
    let state = run(loaded(), { type: 'edit', field: 'title', value: '   ' });
    expect(canSubmit(state)).toBe(false);
    expect(run(state, { type: 'submit' })).toBe(state);
    state = run(state, { type: 'edit', field: 'title', value: 'x'.repeat(300) });
    expect(state.title).toHaveLength(255);
  });
});

describe('verdict-based default selection (issue 16)', () => {
  const otherKey = iocKey({ type: 'ipv4', value: '193.42.33.107' });
  const domainKey = iocKey({ type: 'domain', value: 'docs-share-preview.com' });
  const verdicts: ReviewAction = {
    type: 'enriched',
    results: [
      { value: '45.137.21.9', known: true, allowlisted: true },
      { value: 'docs-share-preview.com', known: true, falsePositive: true },
      { value: '193.42.33.107', known: true },
    ],
  };

  it('unchecks allow-listed and false-positive IOCs when the setting is on, and says which', () => {
    const state = run(loaded(makeDraft({ uncheckFlagged: true })), verdicts);
    expect(state.selected.has(ipKey)).toBe(false);
    expect(state.selected.has(domainKey)).toBe(false);
    expect(state.selected.has(otherKey)).toBe(true);
    expect([...state.uncheckedByVerdict].toSorted()).toEqual([domainKey, ipKey].toSorted());
    // One click checks them again.
    const again = run(state, { type: 'recheckFlagged' });
    expect(again.selected.has(ipKey) && again.selected.has(domainKey)).toBe(true);
    expect(again.uncheckedByVerdict.size).toBe(0);
  });

  it('never overrides the analyst, and does nothing when the setting is off', () => {
    // Checked by hand before the verdict arrived (unchecked, then checked again).
    const byHand = run(
      loaded(makeDraft({ uncheckFlagged: true })),
      { type: 'toggle', key: ipKey },
      { type: 'toggle', key: ipKey },
      verdicts,
    );
    expect(byHand.selected.has(ipKey)).toBe(true);
    expect(byHand.selected.has(domainKey)).toBe(false);
    const off = run(loaded(makeDraft({ uncheckFlagged: false })), verdicts);
    expect(off.selected.has(ipKey) && off.selected.has(domainKey)).toBe(true);
    expect(off.uncheckedByVerdict.size).toBe(0);
  });
});
