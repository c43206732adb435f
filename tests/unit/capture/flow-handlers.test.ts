import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { KNOWN, UNKNOWN_REPORT_IOCS, type Sandbox } from '../../../sandbox/index';
import type { NotificationsLike } from '../../../utils/background/notify';
import { flowsExtension, type FlowsDeps } from '../../../utils/capture/flows';
import type { HistoryItem } from '../../../utils/model/incident';
import type { ReviewDraft } from '../../../utils/model/review';
import type { SenderLike } from '../../../utils/messaging/router';
import { HOST_SCRIPT, reviewPortName } from '../../../utils/review/port-protocol';
import type { PortLike } from '../../../utils/review/review-ports';
import { EXT_ID, makeApp, startTestSandbox } from '../background/harness';
import { makeRequest } from '../store/fixtures';
import { makeDraft } from './fixtures';
import { fakeScripting, fakeWindows, type FakePage } from './flow-fakes';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.reset());

const WEB = 'https://research.example/post';

/** Our review page framed in tab `tabId` (a subframe of a web page, extension URL). */
const frameIn = (tabId: number): SenderLike => ({
  id: EXT_ID,
  url: `chrome-extension://${EXT_ID}/review.html?id=x&host=frame`,
  tab: { id: tabId, url: WEB },
  frameId: 2,
});
/** Our content script in tab `tabId` (it gets no review message at all). */
const contentIn = (tabId: number): SenderLike => ({
  id: EXT_ID,
  url: WEB,
  tab: { id: tabId, url: WEB },
  frameId: 0,
});

/** A runtime.Port as the worker sees it; `close()` is the page going away. */
function fakePort(name: string, sender: SenderLike) {
  const received: unknown[] = [];
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  let open = true;
  const port: PortLike = {
    name,
    sender,
    postMessage: (m) => {
      if (!open) throw new Error('disconnected');
      received.push(m);
    },
    disconnect: () => {
      open = false;
    },
    onMessage: { addListener: (cb) => onMessage.push(cb) },
    onDisconnect: { addListener: (cb) => onDisconnect.push(cb) },
  };
  return {
    port,
    received,
    get open() {
      return open;
    },
    close() {
      open = false;
      onDisconnect.forEach((cb) => cb());
    },
  };
}

/** The real background app (router, core handlers, outbox) with the flows composed in. */
function setup(page: FakePage = {}) {
  const { scripting, events } = fakeScripting(page);
  const notifications = { create: vi.fn<NotificationsLike['create']>(async (id) => id) };
  const tabs = {
    get: vi.fn(async (tabId: number) => {
      if (tabId === 404) throw new Error('No tab with id: 404');
      return { id: tabId, url: WEB, title: 'Report' };
    }),
    query: vi.fn(async () => []),
  };
  const browser: FlowsDeps['browser'] = {
    tabs: { ...tabs, query: vi.fn(async () => []) },
    windows: fakeWindows(),
    scripting: {
      ...scripting,
      getRegisteredContentScripts: vi.fn(async () => []),
      registerContentScripts: vi.fn(async () => undefined),
      unregisterContentScripts: vi.fn(async () => undefined),
    },
    permissions: { contains: vi.fn(async () => false) },
    contextMenus: {
      create: vi.fn(() => 1),
      update: vi.fn(async () => undefined),
      removeAll: vi.fn(async () => undefined),
    },
    storage: { session: fakeBrowser.storage.session, local: fakeBrowser.storage.local },
    runtime: {},
  };
  const t = makeApp(sandbox, {
    // fakeBrowser with our notifications spy; everything else read through.
    browser: Object.create(fakeBrowser, {
      notifications: { value: notifications },
    }) as typeof fakeBrowser,
    extend: flowsExtension({
      browser,
      identity: { extensionId: EXT_ID, extensionOrigin: `chrome-extension://${EXT_ID}` },
    }),
  });
  const ext = t.app.extension as ReturnType<ReturnType<typeof flowsExtension>>;
  // A page that takes the host script loads the framed review, which connects its port.
  const inject = scripting.executeScript.getMockImplementation();
  scripting.executeScript.mockImplementation(async (injection) => {
    const answer = await inject?.(injection);
    const tabId = injection.target.tabId;
    if (injection.files?.includes(HOST_SCRIPT)) {
      void ext.review.store.forTab(tabId).then((record) => {
        if (record)
          ext.review.onConnect(fakePort(reviewPortName(record.reviewId), frameIn(tabId)).port);
      });
    }
    return answer ?? [];
  });
  /** Opens the review page's port for `reviewId` (framed in `tabId`, or an extension page). */
  async function connectReview(reviewId: string, sender: SenderLike) {
    const fake = fakePort(reviewPortName(reviewId), sender);
    ext.review.onConnect(fake.port);
    await expect.poll(() => fake.received.length > 0 || !fake.open).toBe(true);
    return fake;
  }
  return {
    ...t,
    flows: ext.review,
    capture: ext.capture,
    events,
    notifications,
    tabs,
    scripting,
    connectReview,
  };
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
  it('a content script gets no review message at all, not even for its own tab', async () => {
    const t = setup();
    await storeDraft(t.flows, 'r4', 4);
    for (const [type, payload] of [
      ['review.get', {}],
      ['review.enrich', { values: [KNOWN.ipv4] }],
      ['review.close', { reviewId: 'r4' }],
      ['incident.create', { reviewId: 'r4', incident: makeRequest() }],
      ['incident.get', { id: 'x' }],
    ] as const) {
      expect(await t.call(type, payload as never, contentIn(4))).toMatchObject({
        ok: false,
        error: { code: 'not-allowed' },
      });
    }
  });

  it('our framed review page gets the draft of its own tab, never another tab’s', async () => {
    const t = setup();
    await storeDraft(t.flows, 'r4', 4);
    const mine = await t.call('review.get', {}, frameIn(4));
    expect(mine).toMatchObject({ ok: true, data: { draft: { reviewId: 'r4' } } });
    expect(await t.call('review.get', {}, frameIn(5))).toEqual({
      ok: true,
      data: { draft: null },
    });
    // Naming another tab's review does not help.
    expect(await t.call('review.get', { reviewId: 'r4' }, frameIn(5))).toEqual({
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
    // A window review is not visible to a page framed in the source tab.
    expect(await t.call('review.get', {}, frameIn(8))).toEqual({
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

  it('a framed review page can only ask about values in its tab’s review', async () => {
    const t = setup();
    await t.configure();
    await storeDraft(t.flows, 'r4', 4, {
      iocs: [{ type: 'ipv4', value: KNOWN.ipv4, original: KNOWN.ipv4 }],
    });
    const data = (await t.ok(
      'review.enrich',
      { values: [KNOWN.ipv4, KNOWN.domain] },
      frameIn(4),
    )) as {
      results: { value: string }[];
    };
    expect(data.results.map((r) => r.value)).toEqual([KNOWN.ipv4]);
    expect(await t.ok('review.enrich', { values: [KNOWN.ipv4] }, frameIn(5))).toEqual({
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
  it('closing removes the review; a framed review page can only close its own', async () => {
    const t = setup();
    await storeDraft(t.flows, 'r4', 4);
    expect(await t.ok('review.close', { reviewId: 'r4' }, frameIn(5))).toEqual({ closed: false });
    expect(await t.ok('review.close', { reviewId: 'r4' }, frameIn(4))).toEqual({ closed: true });
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
    expect(await t.call('flow.startPage', { tabId: 21 }, frameIn(21))).toMatchObject({
      ok: false,
      error: { code: 'not-allowed' },
    });
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
  const first = (await t.ok('incident.create', payload, frameIn(tabId))) as HistoryItem;
  // The same click delivered twice is the same incident.
  const again = (await t.ok('incident.create', payload, frameIn(tabId))) as HistoryItem;
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

  it('a framed page may not create from another tab’s review, nor without one', async () => {
    const t = setup();
    await t.configure();
    await storeDraft(t.flows, 'r4', 4);
    for (const payload of [
      { reviewId: 'r4', incident: makeRequest() },
      { incident: makeRequest() },
    ]) {
      expect(await t.call('incident.create', payload, frameIn(5))).toMatchObject({
        ok: false,
        error: { code: 'handler-error', message: expect.stringMatching(/no longer open/) },
      });
    }
    expect(await t.app.services.outbox.counts()).toMatchObject({ queued: 0 });
  });

  it('no notification while the framed dialog’s port is connected; one after it closed', async () => {
    const t = setup();
    await t.configure();
    await storeDraft(t.flows, 'r4', 4);
    const port = await t.connectReview('r4', frameIn(4));
    // On connect the page got its draft.
    expect(port.received[0]).toMatchObject({ type: 'draft', draft: { reviewId: 'r4' } });
    const incident = await createFromDialog(t, 'r4', 4);
    await t.drain();
    expect(await t.app.services.outbox.counts()).toMatchObject({ queued: 0 });
    expect(t.notifications.create).not.toHaveBeenCalled();
    // The dialog learnt the outcome over its port, without asking.
    await expect
      .poll(() =>
        port.received.some(
          (m) => (m as HistoryItem & { item?: HistoryItem }).item?.state === 'created',
        ),
      )
      .toBe(true);
    expect(port.received.at(-1)).toMatchObject({ type: 'item', item: { id: incident.requestId } });

    // A second incident from a review whose dialog is gone (closed) is notified.
    await storeDraft(t.flows, 'r5', 5);
    await t.connectReview('r5', frameIn(5));
    const second = makeRequest();
    t.app.runner.setPaused(true);
    await t.ok('incident.create', { reviewId: 'r5', incident: second }, frameIn(5));
    await t.ok('review.close', { reviewId: 'r5' }, frameIn(5));
    t.app.runner.setPaused(false);
    await t.drain();
    await expect.poll(() => t.notifications.create.mock.calls.length).toBe(1);
    expect(t.notifications.create.mock.calls[0]?.[0]).toBe(`cftr-incident:${second.requestId}`);
  });

  it('a dialog whose port went (tab navigated or closed) does not keep notifications quiet', async () => {
    const t = setup();
    await t.configure();
    await storeDraft(t.flows, 'r6', 6);
    const port = await t.connectReview('r6', frameIn(6));
    t.app.runner.setPaused(true);
    await createFromDialog(t, 'r6', 6);
    port.close();
    t.app.runner.setPaused(false);
    await t.drain();
    await expect.poll(() => t.notifications.create.mock.calls.length).toBe(1);
  });

  it('a port for another tab’s review is refused and told the review ended', async () => {
    const t = setup();
    await storeDraft(t.flows, 'r7', 7);
    const port = await t.connectReview('r7', frameIn(8));
    expect(port.open).toBe(false);
    expect(port.received).toEqual([
      { type: 'ended', message: expect.stringMatching(/no longer available/) },
    ]);
    expect(t.flows.ports.isShowing('r7')).toBe(false);
    // A web page's content script cannot open one either.
    const fromContent = await t.connectReview('r7', contentIn(7));
    expect(fromContent.open).toBe(false);
  });

  it('a review window keeps them quiet while its page is connected', async () => {
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
    const windowPage = {
      id: EXT_ID,
      url: `chrome-extension://${EXT_ID}/review.html?id=w1`,
      tab: { id: 70, url: `chrome-extension://${EXT_ID}/review.html?id=w1` },
      frameId: 0,
    };
    const port = await t.connectReview('w1', windowPage);
    expect(port.open).toBe(true);
    await t.ok('incident.create', { reviewId: 'w1', incident: makeRequest() }, windowPage);
    await t.drain();
    expect(t.notifications.create).not.toHaveBeenCalled();

    // Its window closed before Respond answered.
    t.app.runner.setPaused(true);
    await t.ok('incident.create', { reviewId: 'w1', incident: makeRequest() }, windowPage);
    port.close();
    t.app.runner.setPaused(false);
    await t.drain();
    await expect.poll(() => t.notifications.create.mock.calls.length).toBe(1);
  });
});
