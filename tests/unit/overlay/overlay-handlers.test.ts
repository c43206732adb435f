import { describe, expect, it, vi } from 'vitest';
import type { HandlerContext } from '../../../utils/messaging/router';
import { createOverlayHandlers } from '../../../utils/overlay/overlay-handlers';
import { defaultSettings } from '../../../utils/settings/defaults';

const ORIGIN = 'https://tenant.example:8443';

function setup() {
  const settings = defaultSettings();
  settings.ctix.baseUrl = `${ORIGIN}/ctixapi/`;
  const flow = { start: vi.fn(async () => ({ started: true })) };
  const handlers = createOverlayHandlers({
    services: {
      settings: { getEffective: async () => ({ settings, locked: [] }) } as never,
      history: { forObject: async () => [] } as never,
      clients: {
        getConfig: async () => ({}),
        ctix: {
          getObject: async () => ({
            id: 'x',
            type: 'indicator',
            tags: [{ id: 't', name: 'CFTR INC977' }],
          }),
          getBulletin: async (id: string) => ({
            id,
            title: id,
            published: id !== 'draft',
            status: id === 'draft' ? 'draft' : 'published',
            report_id: 'r1',
          }),
        },
      } as never,
    },
    flow,
  });
  return { handlers, flow };
}

const from = (url: string, frameId = 0): HandlerContext => ({
  role: 'content',
  sender: { id: 'ext', url, tab: { id: 7, url }, frameId },
});

describe('overlay handlers', () => {
  it('answer only our content script on the exact Intel Exchange origin, in the top frame', async () => {
    const { handlers, flow } = setup();
    const config = handlers['overlay.config'];
    const review = handlers['overlay.review'];
    if (!config || !review) throw new Error('missing handlers');
    expect(await config({}, from(`${ORIGIN}/ctix/threatdata`))).toMatchObject({ enabled: true });
    for (const ctx of [
      from('https://tenant.example/ctix/threatdata'), // same host, another port
      from('https://evil.example/ctix/threatdata'),
      from(`${ORIGIN}/ctix/threatdata`, 3), // a frame inside the page
    ]) {
      expect(await config({}, ctx)).toEqual({ enabled: false });
      await expect(
        review({ objects: [{ type: 'indicator', id: 'i1' }], entry: 'row' }, ctx),
      ).rejects.toThrow(/not set up for this page/);
    }
    expect(flow.start).not.toHaveBeenCalled();
    await review({ objects: [{ type: 'indicator', id: 'i1' }], entry: 'row' }, from(`${ORIGIN}/x`));
    expect(flow.start).toHaveBeenCalledWith(
      expect.objectContaining({
        tabId: 7,
        objects: [{ type: 'indicator', id: 'i1' }],
        entry: 'row',
      }),
    );
  });

  it('lists incidents from Intel Exchange tags beside the local ones', async () => {
    const { handlers } = setup();
    const incidents = handlers['overlay.incidents'];
    if (!incidents) throw new Error('missing handler');
    expect(await incidents({ type: 'threat-actor', id: 'a1' }, from(`${ORIGIN}/x`))).toEqual({
      items: [{ readableId: 'INC977', from: 'tag' }],
    });
    // A bulletin or investigation has no tags of its own: only the local history.
    expect(await incidents({ type: 'bulletin', id: 'b1' }, from(`${ORIGIN}/x`))).toEqual({
      items: [],
    });
  });

  it('a bulletin or investigation entry hands the container to the flow; a draft is unusable', async () => {
    const { handlers, flow } = setup();
    const review = handlers['overlay.review'];
    const container = handlers['overlay.container'];
    if (!review || !container) throw new Error('missing handlers');
    await review({ entry: 'investigation', id: 'c1', nodes: ['malware--m1'] }, from(`${ORIGIN}/x`));
    expect(flow.start).toHaveBeenCalledWith(
      expect.objectContaining({
        objects: [],
        entry: 'investigation',
        container: { kind: 'investigation', id: 'c1', nodes: ['malware--m1'] },
      }),
    );
    expect(await container({ kind: 'bulletin', id: 'b1' }, from(`${ORIGIN}/x`))).toEqual({
      usable: true,
    });
    expect(await container({ kind: 'bulletin', id: 'draft' }, from(`${ORIGIN}/x`))).toEqual({
      usable: false,
      reason: expect.stringMatching(/draft/),
    });
    await expect(
      container({ kind: 'bulletin', id: 'draft' }, from('https://evil.example/x')),
    ).rejects.toThrow(/not set up/);
  });
});
