import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { KNOWN, UNKNOWN_REPORT_IOCS, type Sandbox } from '../../../sandbox/index';
import type { NotificationsLike } from '../../../utils/background/notify';
import type { FlowsBrowser } from '../../../utils/capture/create-capture';
import { createFlows } from '../../../utils/capture/create-capture';
import { withNotifications } from '../../../utils/review/notifications';
import type { HistoryItem } from '../../../utils/model/incident';
import type { ReviewDraft } from '../../../utils/model/review';
import type { SenderLike } from '../../../utils/messaging/router';
import { EXT_ID, makeApp, PAGE, startTestSandbox } from '../background/harness';
import { makeRequest } from '../store/fixtures';
import { makeDraft } from './fixtures';
import { fakeScripting, fakeWindows, type FakePage } from './flow-fakes';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.reset());

const contentIn = (tabId: number): SenderLike => ({
  id: EXT_ID,
  url: 'https://research.example/post',
  tab: { id: tabId, url: 'https://research.example/post' },
  frameId: 0,
});

/** The real background app (router, core handlers, outbox) with the flows composed in. */
function setup(page: FakePage = {}) {
  const { scripting, events, pushes } = fakeScripting(page);
  const notifications = { create: vi.fn<NotificationsLike['create']>(async (id) => id) };
  const tabs = {
    get: vi.fn(async (tabId: number) => {
      if (tabId === 404) throw new Error('No tab with id: 404');
      return { id: tabId, url: 'https://research.example/post', title: 'Report' };
    }),
    query: vi.fn(async () => []),
  };
  const browser: FlowsBrowser = {
    tabs,
    windows: fakeWindows(),
    scripting,
    contextMenus: {
      create: vi.fn(() => 1),
      update: vi.fn(async () => undefined),
      removeAll: vi.fn(async () => undefined),
    },
    storage: { session: fakeBrowser.storage.session },
    runtime: { getURL: () => `chrome-extension://${EXT_ID}/review.html` },
  };
  let services: ReturnType<typeof makeApp>['app']['services'] | undefined;
  const flows = createFlows({
    browser,
    services: () => {
      if (!services) throw new Error('app not built');
      return services;
    },
  });
  const t = makeApp(sandbox, {
    browser: withNotifications(fakeBrowser, flows.notifications(notifications)),
    extraHandlers: flows.handlers,
  });
  services = t.app.services;
  return { ...t, flows, events, pushes, notifications, tabs, scripting };
}

async function storeDraft(
  flows: ReturnType<typeof setup>['flows'],
  reviewId: string,
  tabId: number,
  draft: Partial<ReviewDraft> = {},
  host: 'page' | 'window' = 'page',
) {
  await flows.store.put({ reviewId, tabId, host, createdAt: Date.now() });
  await flows.store.setDraft(reviewId, makeDraft({ reviewId, ...draft }));
}

describe('review.get', () => {
  it('a content script gets the draft of its own tab, never another tab’s', async () => {
    const t = setup();
    await storeDraft(t.flows, 'r4', 4);
    const mine = await t.call('review.get', {}, contentIn(4));
    expect(mine).toMatchObject({ ok: true, data: { draft: { reviewId: 'r4' } } });
    expect(await t.call('review.get', {}, contentIn(5))).toEqual({
      ok: true,
      data: { draft: null },
    });
    // Naming another tab's review does not help.
    expect(await t.call('review.get', { reviewId: 'r4' }, contentIn(5))).toEqual({
      ok: true,
      data: { draft: null },
    });
  });

  it('the review window (an extension page) gets a review by id; a pending one is null', async () => {
    const t = setup();
    await storeDraft(t.flows, 'rw', 8, {}, 'window');
    expect(await t.ok('review.get', { reviewId: 'rw' })).toMatchObject({
      draft: { reviewId: 'rw' },
    });
    // A window review is not visible to a content script of the source tab.
    expect(await t.call('review.get', {}, contentIn(8))).toEqual({
      ok: true,
      data: { draft: null },
    });
    await t.flows.store.put({
      reviewId: 'pending',
      tabId: 9,
      host: 'window',
      createdAt: Date.now(),
    });
    expect(await t.ok('review.get', { reviewId: 'pending' })).toEqual({ draft: null });
    expect(await t.ok('review.get', {})).toEqual({ draft: null });
  });
});

describe('review.enrich', () => {
  it('looks up values in Intel Exchange: known ones with score, TLP and flags', async () => {
    const t = setup();
    await t.configure();
    const data = (await t.ok('review.enrich', {
      values: [
        KNOWN.ipv4,
        UNKNOWN_REPORT_IOCS.ipv4,
        KNOWN.whitelistedIpv4,
        KNOWN.falsePositiveDomain,
      ],
    })) as {
      results: {
        value: string;
        known: boolean;
        score?: number;
        tlp?: string;
        allowlisted?: boolean;
        falsePositive?: boolean;
      }[];
    };
    const byValue = new Map(data.results.map((r) => [r.value, r]));
    expect(byValue.get(KNOWN.ipv4)).toMatchObject({ known: true });
    expect(typeof byValue.get(KNOWN.ipv4)?.score).toBe('number');
    expect(typeof byValue.get(KNOWN.ipv4)?.tlp).toBe('string');
    expect(byValue.get(UNKNOWN_REPORT_IOCS.ipv4)).toEqual({
      value: UNKNOWN_REPORT_IOCS.ipv4,
      known: false,
    });
    expect(byValue.get(KNOWN.whitelistedIpv4)?.allowlisted).toBe(true);
    expect(byValue.get(KNOWN.falsePositiveDomain)?.falsePositive).toBe(true);
  });

  it('a content script can only ask about values in its tab’s review', async () => {
    const t = setup();
    await t.configure();
    await storeDraft(t.flows, 'r4', 4, {
      iocs: [{ type: 'ipv4', value: KNOWN.ipv4, original: KNOWN.ipv4 }],
    });
    const data = (await t.ok(
      'review.enrich',
      { values: [KNOWN.ipv4, KNOWN.domain] },
      contentIn(4),
    )) as {
      results: { value: string }[];
    };
    expect(data.results.map((r) => r.value)).toEqual([KNOWN.ipv4]);
    expect(await t.ok('review.enrich', { values: [KNOWN.ipv4] }, contentIn(5))).toEqual({
      results: [],
    });
  });

  it('without an Intel Exchange connection: an error in words, no results', async () => {
    const t = setup();
    expect(await t.ok('review.enrich', { values: [KNOWN.ipv4] })).toEqual({
      results: [],
      error: expect.objectContaining({ kind: 'not-configured', retryable: false }),
    });
  });
});

describe('review.close and flow.startPage', () => {
  it('closing removes the review; a content script can only close its own', async () => {
    const t = setup();
    await storeDraft(t.flows, 'r4', 4);
    expect(await t.ok('review.close', { reviewId: 'r4' }, contentIn(5))).toEqual({ closed: false });
    expect(await t.ok('review.close', { reviewId: 'r4' }, contentIn(4))).toEqual({ closed: true });
    expect(await t.flows.store.get('r4')).toBeUndefined();
  });

  it('flow.startPage (the popup) runs the page flow on that tab; a closed tab says so', async () => {
    const t = setup({ body: `IOCs: ${KNOWN.ipv4}` });
    expect(await t.ok('flow.startPage', { tabId: 21 })).toEqual({ started: true });
    await expect.poll(async () => (await t.flows.store.forTab(21))?.draft?.iocs.length).toBe(1);
    expect(t.events).toContain('read:page');
    expect(await t.ok('flow.startPage', { tabId: 404 })).toEqual({
      started: false,
      reason: 'That tab is no longer open.',
    });
    // Only our pages may start it.
    expect(await t.call('flow.startPage', { tabId: 21 }, contentIn(21))).toMatchObject({
      ok: false,
      error: { code: 'not-allowed' },
    });
  });

  it('a closed tab drops its reviews', async () => {
    const t = setup();
    await storeDraft(t.flows, 'r4', 4);
    t.flows.onTabRemoved(4);
    await expect.poll(() => t.flows.store.get('r4')).toBeUndefined();
  });
});

async function createFromDialog(t: ReturnType<typeof setup>, reviewId: string, tabId: number) {
  const incident = makeRequest();
  const payload = { reviewId, incident };
  const first = (await t.ok('incident.create', payload, contentIn(tabId))) as HistoryItem;
  // The same click delivered twice is the same incident.
  const again = (await t.ok('incident.create', payload, contentIn(tabId))) as HistoryItem;
  expect(again.id).toBe(first.id);
  expect(first.id).toBe(incident.requestId);
  return incident;
}

describe('incident.create from the dialog, and notifications', () => {
  it('links the request to its review, then creates through the core (once)', async () => {
    const t = setup();
    await t.configure();
    t.app.runner.setPaused(true);
    await storeDraft(t.flows, 'r4', 4);
    const incident = await createFromDialog(t, 'r4', 4);
    expect((await t.flows.store.get('r4'))?.requestId).toBe(incident.requestId);
    expect(await t.app.services.outbox.counts()).toMatchObject({ queued: 1 });
  });

  it('no notification while the in-page dialog shows the incident; one after it closed', async () => {
    // The fake page's dialog hook answers "showing" with whatever the page function returns:
    // the probe path returns the content type, so give the page a dialog that shows r4.
    const t = setup();
    t.scripting.executeScript.mockImplementation(async (injection) => {
      const args = (injection.args ?? []) as unknown[];
      if (args[0] === '__cftrReviewDialog' && args.length === 1) return [{ result: 'r4' }];
      return [{ result: true }];
    });
    await t.configure();
    await storeDraft(t.flows, 'r4', 4);
    await createFromDialog(t, 'r4', 4);
    await t.drain();
    expect(await t.app.services.outbox.counts()).toMatchObject({ queued: 0 });
    expect(t.notifications.create).not.toHaveBeenCalled();

    // A second incident from a review whose dialog is gone (closed) is notified.
    await storeDraft(t.flows, 'r5', 5);
    const incident = makeRequest();
    t.app.runner.setPaused(true);
    await t.ok('incident.create', { reviewId: 'r5', incident }, contentIn(5));
    await t.ok('review.close', { reviewId: 'r5' }, contentIn(5));
    t.app.runner.setPaused(false);
    await t.drain();
    await expect.poll(() => t.notifications.create.mock.calls.length).toBe(1);
    expect(t.notifications.create.mock.calls[0]?.[0]).toBe(`cftr-incident:${incident.requestId}`);
  });

  it('a dialog that no longer answers (tab navigated) does not keep notifications quiet', async () => {
    const t = setup({ refuse: true });
    await t.configure();
    await storeDraft(t.flows, 'r6', 6);
    await createFromDialog(t, 'r6', 6);
    await t.drain();
    await expect.poll(() => t.notifications.create.mock.calls.length).toBe(1);
  });

  it('a review window that is still open keeps them quiet; a closed one does not', async () => {
    const t = setup();
    await t.configure();
    await t.flows.store.put({
      reviewId: 'w1',
      tabId: 7,
      host: 'window',
      windowTabId: 70,
      createdAt: Date.now(),
    });
    await t.flows.store.setDraft('w1', makeDraft({ reviewId: 'w1' }));
    const incident = makeRequest();
    await t.ok('incident.create', { reviewId: 'w1', incident }, PAGE);
    await t.drain();
    expect(t.notifications.create).not.toHaveBeenCalled();

    await t.flows.store.put({
      reviewId: 'w2',
      tabId: 7,
      host: 'window',
      windowTabId: 404,
      createdAt: Date.now(),
    });
    await t.flows.store.setDraft('w2', makeDraft({ reviewId: 'w2' }));
    await t.ok('incident.create', { reviewId: 'w2', incident: makeRequest() }, PAGE);
    await t.drain();
    await expect.poll(() => t.notifications.create.mock.calls.length).toBe(1);
  });
});
