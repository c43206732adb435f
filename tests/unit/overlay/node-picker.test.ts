import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCtixFlow } from '../../../utils/capture/ctix-flow';
import type { HandlerContext } from '../../../utils/messaging/router';
import { nodeChoice } from '../../../utils/overlay/containers';
import { createPickHandler } from '../../../utils/overlay/pick-handler';
import { parseReviewPush } from '../../../utils/review/review-channel';
import {
  filterGroups,
  groupLabel,
  indexNodes,
  initialPick,
  pickedInOrder,
  setMany,
} from '../../../utils/review/node-picker';
import { createReviewStore } from '../../../utils/review/review-store';
import { defaultSettings } from '../../../utils/settings/defaults';

const NODES = [
  { id: 'indicator--a1', type: 'node', t: '1.2.3.4', prop: { indicator_type: 'ipv4-addr' } },
  { id: 'malware--m1', type: 'node', t: 'GlassLoader', prop: { indicator_type: null } },
  { id: 'relationship--x', type: 'link', t: 'indicates' },
  { id: 'indicator--a2', type: 'node', t: 'evil.com', prop: { indicator_type: 'domain-name' } },
  { id: 'indicator--a1', type: 'node', t: 'again' },
  { id: 'threat-actor--t1', type: 'node', t: '' },
  { id: 'no-separator', type: 'node' },
];

describe('the node picker’s choice (worker side)', () => {
  it('offers every object node once, in canvas order, with its label and IOC type', () => {
    const choice = nodeChoice(' Pivot ', 'c1', NODES, 'https://tenant/ctix/x');
    expect(choice).toEqual({
      canvasId: 'c1',
      name: 'Pivot',
      pageUrl: 'https://tenant/ctix/x',
      nodes: [
        { id: 'indicator--a1', objectType: 'indicator', label: '1.2.3.4', iocType: 'ipv4-addr' },
        { id: 'malware--m1', objectType: 'malware', label: 'GlassLoader' },
        { id: 'indicator--a2', objectType: 'indicator', label: 'evil.com', iocType: 'domain-name' },
        // No label on the canvas: its object ID stands in.
        { id: 'threat-actor--t1', objectType: 'threat-actor', label: 't1' },
      ],
    });
    // The review page accepts it only through the schema.
    expect(parseReviewPush({ type: 'choose', choice })).toEqual({ type: 'choose', choice });
    expect(parseReviewPush({ type: 'choose', choice: { nodes: 'x' } })).toBeNull();
  });
});

describe('the node picker’s logic (review page side)', () => {
  const choice = nodeChoice('Pivot', 'c1', NODES, 'u');
  const index = indexNodes(choice.nodes);

  it('groups by type, indicators first; IOC nodes are picked at first', () => {
    expect(index.groups.map((g) => [g.type, g.nodes.length])).toEqual([
      ['indicator', 2],
      ['malware', 1],
      ['threat-actor', 1],
    ]);
    expect([...initialPick(choice.nodes)]).toEqual(['indicator--a1', 'indicator--a2']);
    expect(groupLabel('indicator')).toBe('Indicators');
    expect(groupLabel('threat-actor')).toBe('Threat actors');
    expect(groupLabel('vulnerability')).toBe('Vulnerabilities');
    expect(groupLabel('malware')).toBe('Malware');
  });

  it('searches labels, IOC types and object types, every word in any order', () => {
    const types = (q: string) => filterGroups(index, q).flatMap((g) => g.nodes.map((n) => n.id));
    expect(types('')).toHaveLength(4);
    expect(types('EVIL')).toEqual(['indicator--a2']);
    expect(types('domain evil')).toEqual(['indicator--a2']);
    expect(types('ipv4')).toEqual(['indicator--a1']);
    expect(types('malware')).toEqual(['malware--m1']);
    expect(types('nothing-like-this')).toEqual([]);
  });

  it('select all / none change only the given nodes; the choice goes out in canvas order', () => {
    let selected = setMany(new Set(), ['threat-actor--t1', 'indicator--a1'], true);
    selected = setMany(selected, ['malware--m1'], true);
    expect(pickedInOrder(index, selected)).toEqual([
      'indicator--a1',
      'malware--m1',
      'threat-actor--t1',
    ]);
    expect(pickedInOrder(index, setMany(selected, ['malware--m1'], false))).toEqual([
      'indicator--a1',
      'threat-actor--t1',
    ]);
  });

  it('indexes and searches 1,000 nodes quickly (one pass, no per-keystroke sorting)', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      id: `${i % 5 === 0 ? 'malware' : 'indicator'}--n${i}`,
      objectType: i % 5 === 0 ? 'malware' : 'indicator',
      label: `value-${i}.example`,
    }));
    const big = indexNodes(many);
    const found = filterGroups(big, 'value-99');
    expect(found.flatMap((g) => g.nodes).length).toBe(11);
    expect(initialPick(many).size).toBe(800);
  });
});

describe('the canvas action and review.pick (worker)', () => {
  beforeEach(() => fakeBrowser.reset());

  function setup() {
    const store = createReviewStore(fakeBrowser.storage.session);
    const pushed: { reviewId: string; message: { type: string } & Record<string, unknown> }[] = [];
    const ctix = {
      getCanvas: vi.fn(async () => ({ name: 'Glasswing pivot' })),
      getCanvasNodes: vi.fn(async () => NODES),
      getBulletin: vi.fn(),
      getObject: vi.fn(async (type: string, id: string) => ({
        id,
        type,
        name: id === 'a1' ? '1.2.3.4' : 'evil.com',
        ioc_type: id === 'a1' ? 'ipv4-addr' : 'domain-name',
      })),
      listRelationsPage: vi.fn(async () => ({ results: [], total: 0, hasNext: false })),
    };
    const flow = createCtixFlow({
      ctix: () => ctix as never,
      ctixConfigured: async () => true,
      store,
      ports: {
        push: (reviewId, message) => {
          pushed.push({ reviewId, message: message as never });
          return true;
        },
      },
      openReview: async () => 'page',
      getSettings: async () => defaultSettings(),
      uiOrigin: () => 'https://tenant',
      newId: () => 'rev1',
      now: Date.now,
      log: () => undefined,
    });
    const trigger = {
      tabId: 7,
      pageUrl: 'https://tenant/ctix/threat-investigation/c1',
      pageTitle: '',
      objects: [],
      entry: 'investigation' as const,
      container: { kind: 'investigation' as const, id: 'c1' },
    };
    return { store, pushed, ctix, flow, trigger };
  }

  it('the canvas action offers the nodes first; the choice resolves only the picked ones', async () => {
    const { store, pushed, ctix, flow, trigger } = setup();
    const start = await flow.start(trigger);
    await start.finished;
    expect(pushed.map((p) => p.message.type)).toEqual(['progress', 'choose']);
    expect((await store.get('rev1'))?.choose?.nodes).toHaveLength(4);
    expect(ctix.getObject).not.toHaveBeenCalled();
    expect((await store.get('rev1'))?.draft).toBeUndefined();

    // A node ID the picker never offered is dropped.
    const picked = await flow.pick('rev1', ['indicator--a2', 'indicator--zzz']);
    expect(picked.started).toBe(true);
    // A second Continue does nothing.
    expect((await flow.pick('rev1', ['indicator--a1'])).started).toBe(false);
    await picked.finished;
    const record = await store.get('rev1');
    expect(record?.choose).toBeUndefined();
    expect(record?.draft?.title).toBe('Glasswing pivot');
    expect(record?.draft?.iocs.map((i) => i.value)).toEqual(['evil.com']);
    expect(ctix.getObject).toHaveBeenCalledTimes(1);
    expect(pushed.at(-1)?.message.type).toBe('draft');
  });

  it('a node’s own action (nodes named) skips the picker', async () => {
    const { pushed, flow, trigger } = setup();
    const start = await flow.start({
      ...trigger,
      container: { ...trigger.container, nodes: ['indicator--a1'] },
    });
    await start.finished;
    expect(pushed.map((p) => p.message.type)).not.toContain('choose');
    expect(pushed.at(-1)?.message.type).toBe('draft');
  });

  it('a choice of nothing offered, or for a review without a picker, says why', async () => {
    const { flow, trigger } = setup();
    expect((await flow.pick('rev1', ['indicator--a1'])).reason).toMatch(/no nodes waiting/);
    await (
      await flow.start(trigger)
    ).finished;
    expect((await flow.pick('rev1', ['indicator--nope'])).reason).toMatch(/at least one/);
  });

  it('review.pick: a framed review page may answer only its own tab’s review', async () => {
    const { store, flow, trigger } = setup();
    await (
      await flow.start(trigger)
    ).finished;
    const pick = createPickHandler({ store, flow })['review.pick'];
    if (!pick) throw new Error('no handler');
    const frame = (tabId: number): HandlerContext => ({
      role: 'frame',
      sender: { id: 'ext', url: 'chrome-extension://ext/review.html', tab: { id: tabId } },
    });
    await expect(pick({ reviewId: 'rev1', nodes: ['indicator--a1'] }, frame(8))).rejects.toThrow(
      /no longer available/,
    );
    await expect(
      pick({ reviewId: 'rev1', nodes: ['indicator--a1'] }, { ...frame(7), role: 'content' }),
    ).rejects.toThrow(/no longer available/);
    expect(await pick({ reviewId: 'rev1', nodes: ['indicator--a1'] }, frame(7))).toEqual({
      started: true,
    });
  });
});
