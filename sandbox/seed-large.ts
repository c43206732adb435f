// Issue 12's large inputs: a published bulletin whose report has HUGE_REPORT_RELATIONS relations,
// and an investigation whose canvas has HUGE_CANVAS_NODES nodes of mixed types. Both are made of
// synthetic objects (synthetic.ts) that no other fixture uses: the big report (2,500 relations)
// takes synthetic objects 0..2499, the huge report 4000..6999 (a gap: tests expect object 2500
// to have no relations), the huge canvas the 1,000 after those. They are reachable by ID (and listed in the sandbox UI) but kept out of
// `seed.bulletins`, `seed.canvases` and `seed.objects`, so every count the other tests know
// (3 bulletins, 2 investigations, the reports' sizes) stays as it was. Built on first use.
import { HUGE_CANVAS_NODES, HUGE_REPORT_RELATIONS, KNOWN, KNOWN_IDS } from './known';
import { stableUuid } from './prng';
import type { Bulletin, Canvas, CanvasItem, RelationView, ThreatObject } from './seed-types';
import type { SyntheticPool } from './synthetic';

/** First synthetic object of the huge report, and of the huge canvas. */
export const HUGE_REPORT_FIRST = 4000;
export const HUGE_CANVAS_FIRST = HUGE_REPORT_FIRST + HUGE_REPORT_RELATIONS;

export interface LargeInputs {
  /** The huge report, the huge bulletin, the huge canvas, by their IDs; else undefined. */
  getObject(id: string): ThreatObject | undefined;
  getBulletin(id: string): Bulletin | undefined;
  getCanvas(id: string): Canvas | undefined;
  /** The huge report's relations, or a member's relation back to it; null for anything else. */
  relationsOf(id: string): RelationView[] | null;
  /** For the UI's lists. */
  bulletin(): Bulletin;
  canvas(): Canvas;
}

const DAY = 86400;

export function largeInputs(seed: number, synthetic: SyntheticPool, baseTime: number): LargeInputs {
  const relationId = (i: number): string => stableUuid(`relation:${seed}:huge-report:${i}`);
  let report: ThreatObject | null = null;
  let reportViews: RelationView[] | null = null;
  let canvas: Canvas | null = null;

  function hugeReport(): ThreatObject {
    report ??= {
      ...synthetic.at(HUGE_REPORT_FIRST),
      id: KNOWN_IDS.hugeReport,
      type: 'report',
      name: KNOWN.hugeReportName,
      ioc_type: null,
      tlp: 'GREEN',
      tags: [],
      description: 'A quarterly feed export: its relations span 30 pages of 100.',
      valid_until: null,
    };
    return report;
  }

  const bulletin: Bulletin = {
    id: KNOWN_IDS.hugeBulletin,
    title: KNOWN.hugeBulletinTitle,
    status: 'published',
    published: true,
    published_on: baseTime - 2 * DAY,
    tlp: 'GREEN',
    description: '<p>Everything the feeds reported this quarter, for bulk blocking.</p>',
    report_id: KNOWN_IDS.hugeReport,
    tags: [],
    created: baseTime - 4 * DAY,
    modified: baseTime - 2 * DAY,
  };

  function hugeCanvas(): Canvas {
    if (canvas) return canvas;
    const members = Array.from({ length: HUGE_CANVAS_NODES }, (_, i) =>
      synthetic.at(HUGE_CANVAS_FIRST + i),
    );
    const nodeId = (o: ThreatObject) => `${o.type}--${o.id}`;
    const items: CanvasItem[] = members.map((o) => ({
      id: nodeId(o),
      type: 'node',
      t: o.name,
      prop: {
        indicator_type: o.ioc_type,
        score: o.confidence_score,
        tlp_data: o.tlp,
        object_type: o.type,
      },
    }));
    // Each indicator points at the nearest non-indicator before it: the chart has edges.
    let hub: ThreatObject | null = null;
    members.forEach((o, i) => {
      if (o.type !== 'indicator') hub = o;
      else if (hub) {
        items.push({
          id: `relationship--${stableUuid(`relation:${seed}:huge-canvas:${i}`)}`,
          type: 'link',
          t: 'indicates',
          id1: nodeId(o),
          id2: nodeId(hub),
          prop: { relationship_type: 'indicates' },
        });
      }
    });
    canvas = {
      id: KNOWN_IDS.hugeCanvas,
      name: KNOWN.hugeCanvasName,
      description: `Investigation: ${KNOWN.hugeCanvasName}`,
      created: baseTime - 9 * DAY,
      modified: baseTime - 8 * DAY,
      items,
    };
    return canvas;
  }

  return {
    getObject: (id) => (id === KNOWN_IDS.hugeReport ? hugeReport() : undefined),
    getBulletin: (id) => (id === bulletin.id ? bulletin : undefined),
    getCanvas: (id) => (id === KNOWN_IDS.hugeCanvas ? hugeCanvas() : undefined),
    relationsOf(id) {
      if (id === KNOWN_IDS.hugeReport) {
        reportViews ??= Array.from({ length: HUGE_REPORT_RELATIONS }, (_, i) => ({
          id: relationId(i),
          relationship_type: 'contains',
          target: synthetic.at(HUGE_REPORT_FIRST + i),
        }));
        return reportViews;
      }
      const index = synthetic.indexOf(id) - HUGE_REPORT_FIRST;
      if (index < 0 || index >= HUGE_REPORT_RELATIONS) return null;
      return [{ id: relationId(index), relationship_type: 'contains', target: hugeReport() }];
    },
    bulletin: () => bulletin,
    canvas: hugeCanvas,
  };
}
