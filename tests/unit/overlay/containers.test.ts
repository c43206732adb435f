import { describe, expect, it } from 'vitest';
import { readContainer } from '../../../utils/capture/ctix-flow';
import { bulletinSources, canvasSources, nodeObject } from '../../../utils/overlay/containers';

describe('a threat bulletin as objects', () => {
  it('a published bulletin resolves as its report, named by its title', () => {
    expect(
      bulletinSources({
        id: 'b1',
        title: ' Weekly ',
        status: 'published',
        published: true,
        report_id: 'r9',
      }),
    ).toEqual({ ok: true, name: 'Weekly', sources: [{ type: 'report', id: 'r9' }] });
  });

  it('a draft cannot be used, whether the flag or the status says so', () => {
    for (const b of [
      { id: 'b1', published: false, status: 'published', report_id: 'r9' },
      { id: 'b1', status: 'Draft', report_id: 'r9' },
    ]) {
      const usable = bulletinSources(b);
      expect(usable.ok).toBe(false);
      expect(!usable.ok && usable.reason).toMatch(/draft/);
    }
  });

  it('a bulletin without a report says so', () => {
    for (const report_id of [null, '', 'bad id with spaces']) {
      const usable = bulletinSources({ id: 'b1', published: true, report_id });
      expect(!usable.ok && usable.reason).toMatch(/has no report/);
    }
  });
});

describe('an investigation canvas as objects', () => {
  const nodes = [
    { id: 'indicator--a1', type: 'node', t: '1.2.3.4' },
    { id: 'malware--m1', type: 'node', t: 'GlassLoader' },
    { id: 'report--r1', type: 'node', t: 'Report' },
    { id: 'relationship--x', type: 'link', t: 'indicates' },
    { id: 'indicator--a2', type: 'node', t: 'evil.com' },
    { id: 'indicator--a1', type: 'node', t: '1.2.3.4 again' },
    { id: 'no-separator', type: 'node' },
  ];

  it('reads a node ID as its object; links and odd IDs are no objects', () => {
    expect(nodeObject({ id: 'threat-actor--t1' })).toEqual({ type: 'threat-actor', id: 't1' });
    expect(nodeObject({ id: 'relationship--x', type: 'link' })).toBeNull();
    expect(nodeObject({ id: 'no-separator' })).toBeNull();
    expect(nodeObject({ id: '--x' })).toBeNull();
  });

  it('by default the indicator nodes, each once, in canvas order', () => {
    expect(canvasSources('Pivot', 'c1', nodes)).toEqual({
      ok: true,
      name: 'Pivot',
      sources: [
        { type: 'indicator', id: 'a1' },
        { type: 'indicator', id: 'a2' },
      ],
    });
  });

  it('picked nodes of any type, links never; none left says so', () => {
    const picked = canvasSources(null, 'c1', nodes, [
      'malware--m1',
      'report--r1',
      'relationship--x',
    ]);
    expect(picked).toEqual({
      ok: true,
      name: 'Threat investigation c1',
      sources: [
        { type: 'malware', id: 'm1' },
        { type: 'report', id: 'r1' },
      ],
    });
    const gone = canvasSources('Pivot', 'c1', nodes, ['indicator--zzz']);
    expect(!gone.ok && gone.reason).toMatch(/None of the chosen nodes/);
    const empty = canvasSources('Pivot', 'c1', [nodes[1] as (typeof nodes)[number]]);
    expect(!empty.ok && empty.reason).toMatch(/no indicator nodes/);
  });

  it('the flow reads the bulletin, or the canvas and its nodes', async () => {
    const calls: string[] = [];
    const ctix = {
      getBulletin: async (id: string) => {
        calls.push(`bulletin ${id}`);
        return { id, title: 'B', published: true, report_id: 'r1' };
      },
      getCanvas: async (id: string) => {
        calls.push(`canvas ${id}`);
        return { name: 'C' };
      },
      getCanvasNodes: async (id: string) => {
        calls.push(`nodes ${id}`);
        return nodes;
      },
    };
    expect(await readContainer(ctix, { kind: 'bulletin', id: 'b1' })).toMatchObject({ name: 'B' });
    expect(
      await readContainer(ctix, { kind: 'investigation', id: 'c1', nodes: ['malware--m1'] }),
    ).toEqual({ ok: true, name: 'C', sources: [{ type: 'malware', id: 'm1' }] });
    expect(calls).toEqual(['bulletin b1', 'canvas c1', 'nodes c1']);
  });
});
