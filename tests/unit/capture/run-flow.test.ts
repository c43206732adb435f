import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../utils/settings/defaults';
import { HOST_SCRIPT, makeRunner } from './flow-fakes';

/** A promise the test settles by hand. */
function deferred() {
  const handle: { resolve: () => void } = { resolve: () => undefined };
  const promise = new Promise<void>((resolve) => {
    handle.resolve = resolve;
  });
  return { promise, resolve: () => handle.resolve() };
}

const tab = { id: 12, url: 'https://research.example/post', title: 'Glasswing report' };
const SELECTION = `Command and control
The loader beacons to 45.137.21[.]9 and 185.225.74[.]51, wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq`;

describe('selection flow', () => {
  it('reads the FULL selection first, then injects the dialog, then stores the draft and says so', async () => {
    const t = makeRunner({ selection: SELECTION });
    const start = await t.runner.start({
      kind: 'selection',
      tab,
      selectionText: 'Command and control The loader beacons to 45.137.21[.]9 and', // cut by the browser
    });
    expect(start).toMatchObject({ started: true, host: 'page' });
    await start.finished;
    expect(t.events).toEqual(['read:selection', `inject:${HOST_SCRIPT}`]);
    const record = await t.store.forTab(12);
    expect(record?.reviewId).toBe(start.reviewId);
    expect(record?.host).toBe('page');
    const draft = record?.draft;
    expect(draft?.title).toBe('Command and control');
    expect(draft?.iocs.map((i) => i.value)).toEqual([
      '45.137.21.9',
      '185.225.74.51',
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    ]);
    expect(draft?.mapping['btc']?.respondField).toBeNull();
    expect(draft?.canEnrich).toBe(true);
    // The stored draft goes to the review over its port.
    expect(t.pushes).toEqual([{ type: 'draft', draft, reviewId: start.reviewId }]);
    expect(t.windows.create).not.toHaveBeenCalled();
  });

  it('reads in the frame the menu was opened in', async () => {
    const t = makeRunner({ selection: 'x 45.137.21.9' });
    await (
      await t.runner.start({ kind: 'selection', tab, frameId: 3 })
    ).finished;
    const read = t.scripting.executeScript.mock.calls[0]?.[0];
    expect(read?.target).toEqual({ tabId: 12, frameIds: [3] });
  });

  it('falls back to the menu’s selectionText and an extension window when scripting fails', async () => {
    const t = makeRunner({ refuse: true });
    const start = await t.runner.start({ kind: 'selection', tab, selectionText: 'C2 45.137.21.9' });
    await start.finished;
    expect(start.host).toBe('window');
    expect(t.windows.create).toHaveBeenCalledWith({
      url: `chrome-extension://ext/review.html?id=${start.reviewId}`,
      type: 'popup',
      width: 760,
      height: 860,
      focused: true,
    });
    const record = await t.store.get(start.reviewId ?? '');
    expect(record).toMatchObject({ host: 'window', windowTabId: 500 });
    expect(record?.draft?.iocs.map((i) => i.value)).toEqual(['45.137.21.9']);
    expect(record?.draft?.notice).toMatch(/cannot read this page.*may be shortened/);
    expect(t.pushes.map((p) => p.type)).toEqual(['draft']);
  });

  it('does not even try to script browser pages and web stores', async () => {
    for (const url of [
      'chrome://version/',
      'https://chromewebstore.google.com/detail/x',
      'chrome-extension://abc/x.html',
    ]) {
      const t = makeRunner({ selection: 'never read' });
      const start = await t.runner.start({
        kind: 'selection',
        tab: { id: 4 },
        pageUrl: url,
        selectionText: 'ok',
      });
      await start.finished;
      expect(start.host).toBe('window');
      expect(t.scripting.executeScript).not.toHaveBeenCalled();
    }
  });

  it('the PDF viewer gets a window', async () => {
    const t = makeRunner({ contentType: 'application/pdf', selection: '' });
    const start = await t.runner.start({ kind: 'selection', tab, selectionText: '45.137.21.9' });
    await start.finished;
    expect(start.host).toBe('window');
    expect(t.events).toEqual(['read:selection']);
  });

  it('when the dialog cannot be injected, the same draft opens in a window', async () => {
    const t = makeRunner({ selection: '45.137.21.9', refuseDialog: true });
    const start = await t.runner.start({ kind: 'selection', tab });
    await start.finished;
    expect(start.host).toBe('window');
    expect((await t.store.get(start.reviewId ?? ''))?.host).toBe('window');
    expect((await t.store.get(start.reviewId ?? ''))?.draft?.iocs).toHaveLength(1);
  });

  it('a frame that never connects (a CSP, a hung page) is taken down; the review opens in a window', async () => {
    const t = makeRunner({ selection: '45.137.21.9', frameNeverLoads: true });
    const start = await t.runner.start({ kind: 'selection', tab });
    await start.finished;
    expect(start.host).toBe('window');
    expect(t.events).toEqual([
      'read:selection',
      `inject:${HOST_SCRIPT}`,
      `remove-frame:${start.reviewId}`,
    ]);
    expect(await t.store.get(start.reviewId ?? '')).toMatchObject({
      host: 'window',
      windowTabId: 500,
    });
    expect(t.windows.create).toHaveBeenCalledTimes(1);
  });

  it('a second flow in the same tab replaces the first in-page review', async () => {
    const t = makeRunner({ selection: '45.137.21.9' });
    const first = await t.runner.start({ kind: 'selection', tab });
    await first.finished;
    const second = await t.runner.start({ kind: 'selection', tab });
    await second.finished;
    expect(await t.store.get(first.reviewId ?? '')).toBeUndefined();
    expect((await t.store.forTab(12))?.reviewId).toBe(second.reviewId);
  });

  it('a review closed before extraction finished stays closed', async () => {
    const { promise: gate, resolve: release } = deferred();
    const slow = makeRunner(
      { selection: '45.137.21.9' },
      { getSettings: () => gate.then(() => defaultSettings()) },
    );
    const start = await slow.runner.start({ kind: 'selection', tab });
    await slow.store.remove(start.reviewId ?? '');
    release();
    await start.finished;
    expect(await slow.store.get(start.reviewId ?? '')).toBeUndefined();
    expect(slow.pushes).toEqual([]);
    expect(slow.log).not.toHaveBeenCalled();
  });
});

describe('link flow', () => {
  it('reads the link text, extracts from text and URL', async () => {
    const t = makeRunner({ linkText: 'this shared invoice' });
    const linkUrl = 'http://docs-share-preview.com/dl/Invoice_7731.iso?id=8f3a2c';
    const start = await t.runner.start({ kind: 'link', tab, linkUrl });
    await start.finished;
    expect(t.events).toEqual([`read:link:${linkUrl}`, `inject:${HOST_SCRIPT}`]);
    const draft = (await t.store.get(start.reviewId ?? ''))?.draft;
    expect(draft?.title).toBe('this shared invoice');
    expect(draft?.description).toContain(`Link: ${linkUrl}`);
    expect(draft?.iocs.map((i) => `${i.type}:${i.value}`)).toContain(`url:${linkUrl}`);
  });

  it('without link text the title is the URL; without a URL there is no flow', async () => {
    const t = makeRunner({ linkText: '' });
    const start = await t.runner.start({ kind: 'link', tab, linkUrl: 'http://evil.example/x' });
    await start.finished;
    expect((await t.store.get(start.reviewId ?? ''))?.draft?.title).toBe('http://evil.example/x');
    expect(await t.runner.start({ kind: 'link', tab })).toMatchObject({ started: false });
  });
});

describe('page flow', () => {
  it('probes, shows the dialog first, reads the page with progress, then stores', async () => {
    const body = `Plain IOC list\n45.137.21.9\ndocs-share-preview.com\n${'filler text. '.repeat(20_000)}`;
    const t = makeRunner({ body });
    const start = await t.runner.start({ kind: 'page', tab });
    await start.finished;
    // The page is read while the frame loads (the frame is not part of the page's text).
    expect(t.events[0]).toBe('probe');
    // The text comes over in pieces after the read (one here: a small page).
    expect(t.events.toSorted()).toEqual(
      ['inject:' + HOST_SCRIPT, 'probe', 'read:page', 'take:0'].toSorted(),
    );
    expect(t.pushes.map((p) => (p.type === 'progress' ? p.text : p.type))).toEqual([
      'Reading the page…',
      'Finding IOCs in 0.2 MB of text…',
      'draft',
    ]);
    const draft = (await t.store.get(start.reviewId ?? ''))?.draft;
    expect(draft?.title).toBe('Glasswing report');
    expect(draft?.iocs.map((i) => i.value)).toEqual(['45.137.21.9', 'docs-share-preview.com']);
  });

  it('a browser page opens a window with the address and title only', async () => {
    const t = makeRunner({ refuse: true });
    const start = await t.runner.start({
      kind: 'page',
      tab: { id: 5, title: 'About Version' },
      pageUrl: 'chrome://version/',
    });
    await start.finished;
    expect(start.host).toBe('window');
    const draft = (await t.store.get(start.reviewId ?? ''))?.draft;
    expect(draft?.title).toBe('About Version');
    expect(draft?.iocs).toEqual([]);
    expect(draft?.notice).toMatch(/cannot read this page.*only its address and title/);
    expect(draft?.source.url).toBe('chrome://version/');
  });

  it('without a title from the browser, the notice does not claim the title is used', async () => {
    const t = makeRunner({ refuse: true });
    const start = await t.runner.start({
      kind: 'page',
      tab: { id: 6 },
      pageUrl: 'chrome://version/',
    });
    await start.finished;
    const draft = (await t.store.get(start.reviewId ?? ''))?.draft;
    expect(draft?.title).toBe('IOCs from chrome://version/');
    expect(draft?.notice).toMatch(/only its address is used\.$/);
  });

  it('an unknown URL (no host access) is tried, and a refusal means a window', async () => {
    const t = makeRunner({ refuse: true });
    const start = await t.runner.start({ kind: 'page', tab: { id: 5 } });
    await start.finished;
    expect(start.host).toBe('window');
    expect(t.scripting.executeScript).toHaveBeenCalled();
  });

  it('an extraction failure still gives a draft (no IOCs, in words)', async () => {
    const t = makeRunner(
      { body: '45.137.21.9' },
      {
        extract: vi.fn((text: string) => {
          if (text) throw new Error('boom');
          return {
            iocs: [],
            truncated: false,
            stats: { inputChars: 0, scannedChars: 0, ms: 0, byType: {} },
          };
        }),
      },
    );
    const start = await t.runner.start({ kind: 'page', tab });
    await start.finished;
    const draft = (await t.store.get(start.reviewId ?? ''))?.draft;
    expect(draft?.iocs).toEqual([]);
    expect(draft?.notice).toBe('IOC extraction failed on this text; no IOCs are listed.');
    expect(t.log).toHaveBeenCalledWith('IOC extraction failed', expect.any(Error));
  });

  it('no tab, no flow', async () => {
    const t = makeRunner({});
    expect(await t.runner.start({ kind: 'page', tab: {} })).toMatchObject({ started: false });
    expect(await t.runner.start({ kind: 'page', tab: { id: -1 } })).toMatchObject({
      started: false,
    });
  });
});
