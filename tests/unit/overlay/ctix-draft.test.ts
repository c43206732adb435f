import { describe, expect, it } from 'vitest';
import { buildCtixDraft } from '../../../utils/capture/ctix-draft';
import type { Resolution, ResolvedTarget } from '../../../utils/overlay/resolve';
import { readableIdOfTag, tagNameFor } from '../../../utils/overlay/tags';
import { defaultSettings } from '../../../utils/settings/defaults';

const target = (value: string, ctixType: string, objectType = 'indicator'): ResolvedTarget => ({
  value,
  ctixType,
  objectType,
  objectId: `${objectType}--${value}`,
  from: ['report/r1'],
});

function resolution(patch: Partial<Resolution> = {}): Resolution {
  return {
    sources: [{ type: 'report', id: 'r1', name: 'Operation Glasswing', relations: 5 }],
    mapped: [target('45.137.21.9', 'ipv4-addr'), target('GlassLoader', 'malware', 'malware')],
    unmapped: [
      target('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'btc-address'),
      target('Global\\evil-mutex', 'mutex'),
      target('Lazarus', 'intrusion-set', 'intrusion-set'),
    ],
    mappedCounts: {},
    unmappedCounts: {},
    ignoredCounts: {},
    truncated: [],
    ...patch,
  };
}

const input = (r: Resolution, entry: 'object' | 'bulk' = 'object') => ({
  reviewId: 'rv',
  entry,
  resolution: r,
  settings: defaultSettings(),
  canEnrich: true,
  pageUrl: 'https://tenant.example/ctix/threatdata/report/r1',
  pageTitle: 'Report',
  uiOrigin: 'https://tenant.example',
});

describe('the review draft for Intel Exchange objects', () => {
  it('titles it by the object, links it, and connects only what is mapped', () => {
    const draft = buildCtixDraft(input(resolution()));
    expect(draft.title).toBe('Operation Glasswing');
    expect(draft.description).toContain('https://tenant.example/ctix/threatdata/report/r1');
    expect(draft.source).toMatchObject({
      kind: 'ctix-object',
      ctixObjectIds: ['r1'],
      ctixSources: [{ type: 'report', id: 'r1' }],
    });
    // The IPv4 is mapped; the bitcoin address is listed but its type has no Respond field.
    expect(draft.iocs.map((i) => `${i.type}:${i.value}`)).toEqual([
      'ipv4:45.137.21.9',
      'btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    ]);
    expect(draft.mapping['ipv4']?.respondField).toBe('ip_address');
    expect(draft.mapping['btc']?.respondField).toBeNull();
    expect(draft.ctixObjects).toEqual([
      { id: 'malware--GlassLoader', type: 'malware', name: 'GlassLoader' },
    ]);
    // What has no place at all is counted, not dropped silently.
    expect(draft.notice).toMatch(/Not mapped in Respond, so not connected: mutex \(1\)/);
    expect(draft.notice).toMatch(
      /Related objects not mapped in Respond, so not connected: intrusion-set \(1\)/,
    );
  });

  it('a bulk selection is "N threat data objects" and lists every source', () => {
    const sources = Array.from({ length: 60 }, (_, i) => ({
      type: 'indicator',
      id: `i${i}`,
      name: `v${i}`,
      relations: 0,
    }));
    const draft = buildCtixDraft(input(resolution({ sources }), 'bulk'));
    expect(draft.title).toBe('60 threat data objects');
    expect(draft.source.kind).toBe('ctix-bulk');
    expect(draft.description).toContain('- and 10 more');
    expect(draft.source.ctixObjectIds).toHaveLength(60);
  });

  it('a bulletin is titled by its name, kind bulletin, and its ID is recorded before its report', () => {
    const draft = buildCtixDraft({
      ...input(resolution()),
      entry: 'bulletin',
      container: { kind: 'bulletin', id: 'b1', name: 'Glasswing loader: indicators to block' },
    });
    expect(draft.title).toBe('Glasswing loader: indicators to block');
    expect(draft.description).toMatch(/^Source: Intel Exchange threat bulletin: Glasswing loader/);
    expect(draft.source).toMatchObject({
      kind: 'bulletin',
      ctixObjectIds: ['b1', 'r1'],
      // Only the real object is tagged; a bulletin is not a threat data object.
      ctixSources: [{ type: 'report', id: 'r1' }],
    });
  });

  it('an investigation of many nodes is titled by the investigation, not "N threat data objects"', () => {
    const sources = [1, 2, 3].map((i) => ({
      type: 'indicator',
      id: `i${i}`,
      name: `v${i}`,
      relations: 0,
    }));
    const draft = buildCtixDraft({
      ...input(resolution({ sources })),
      entry: 'investigation',
      container: { kind: 'investigation', id: 'c1', name: 'Pivot' },
    });
    expect(draft.title).toBe('Pivot');
    expect(draft.source.kind).toBe('investigation');
    expect(draft.source.ctixObjectIds).toEqual(['c1', 'i1', 'i2', 'i3']);
  });
});

describe('incident tags', () => {
  it('name the readable ID, and only our own tags are read back', () => {
    expect(tagNameFor('INC1042')).toBe('CFTR INC1042');
    expect(readableIdOfTag('CFTR INC1042')).toBe('INC1042');
    expect(readableIdOfTag(' CFTR  INC977 ')).toBe('INC977');
    expect(readableIdOfTag('glasswing')).toBeNull();
    expect(readableIdOfTag('CFTR <img src=x>')).toBeNull();
  });
});
