import type { ReviewDraft } from '../model/review';
import type { Resolution, ResolvedTarget } from '../overlay/resolve';
import { typeKey } from '../overlay/resolve';
import { CTIX_TYPE_OF_EXTRACTED } from '../settings/ctix-types';
import type { ExtractableIocType, Settings } from '../settings/schema';
import { MAX_DRAFT_IOCS } from './build-draft';
import { mappingForTypes } from './mapping';
import { clip, hostOf } from './text-rules';

/**
 * The review draft for Intel Exchange objects (the overlay's entry points), from what the
 * worker resolved through the CTIX API (utils/overlay/resolve.ts), never from page text:
 *
 * - the title is the object's name, or "N threat data objects" for a bulk selection;
 * - the description links every source object in Intel Exchange (deep links);
 * - indicators become the draft's IOCs. Those whose type has a Respond field are selected;
 *   the unmapped ones are listed as "not mapped" with counts per type, and never sent;
 * - mapped objects that are not indicators (malware, a threat actor) are connected as objects;
 * - whatever has no place in an incident (unmapped objects, indicator types we have no field
 *   for at all) is counted in the notice, so nothing is dropped silently.
 */

export type CtixEntry = 'object' | 'row' | 'bulk' | 'bulletin' | 'investigation';

/** The bulletin or investigation the objects came from (issue 12). */
export interface CtixContainer {
  kind: 'bulletin' | 'investigation';
  id: string;
  name: string;
}

export interface CtixDraftInput {
  reviewId: string;
  entry: CtixEntry;
  resolution: Resolution;
  settings: Settings;
  canEnrich: boolean;
  /** The Intel Exchange page the action was started on. */
  pageUrl: string;
  pageTitle: string;
  /** Intel Exchange UI origin, for deep links to each object. */
  uiOrigin: string;
  /** Set for a bulletin or investigation: its name is the title, its ID is recorded too. */
  container?: CtixContainer;
}

/** Description lines listing source objects; the rest is counted. */
const MAX_LISTED_SOURCES = 50;

const EXTRACTED_OF_CTIX: ReadonlyMap<string, ExtractableIocType> = new Map(
  (Object.entries(CTIX_TYPE_OF_EXTRACTED) as [ExtractableIocType, string][]).map(
    ([extracted, ctix]) => [typeKey(ctix), extracted],
  ),
);

export function objectLink(uiOrigin: string, type: string, id: string): string {
  return `${uiOrigin}/ctix/threatdata/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
}

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .toSorted(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `${type} (${n.toLocaleString('en-US')})`)
    .join(', ');
}

function add(counts: Record<string, number>, type: string): void {
  counts[type] = (counts[type] ?? 0) + 1;
}

const isIndicator = (t: ResolvedTarget) => typeKey(t.objectType) === 'indicator';

export function buildCtixDraft(input: CtixDraftInput): ReviewDraft {
  const { resolution, settings } = input;
  const sources = resolution.sources;
  const iocs: ReviewDraft['iocs'] = [];
  const ctixObjects: ReviewDraft['ctixObjects'] = [];
  const noField: Record<string, number> = {};
  const unmappedObjects: Record<string, number> = {};
  const seen = new Set<string>();

  for (const [target, mapped] of [
    ...resolution.mapped.map((t) => [t, true] as const),
    ...resolution.unmapped.map((t) => [t, false] as const),
  ]) {
    if (isIndicator(target)) {
      const type = EXTRACTED_OF_CTIX.get(typeKey(target.ctixType));
      if (!type) {
        add(noField, target.ctixType);
        continue;
      }
      const key = `${type}\u0000${target.value}`;
      if (seen.has(key) || target.value.length > 4096) continue;
      seen.add(key);
      iocs.push({ type, value: target.value, original: target.value });
    } else if (mapped) {
      ctixObjects.push({ id: target.objectId, type: target.objectType, name: target.value });
    } else {
      add(unmappedObjects, target.objectType);
    }
  }

  const kept = iocs.slice(0, MAX_DRAFT_IOCS);
  const notices: string[] = [];
  if (iocs.length > kept.length) {
    notices.push(
      `${iocs.length.toLocaleString('en-US')} IOCs were found; the first ${kept.length.toLocaleString('en-US')} are listed.`,
    );
  }
  if (Object.keys(noField).length > 0) {
    notices.push(`Not mapped in Respond, so not connected: ${countsText(noField)}.`);
  }
  if (Object.keys(unmappedObjects).length > 0) {
    notices.push(
      `Related objects not mapped in Respond, so not connected: ${countsText(unmappedObjects)}.`,
    );
  }
  if (resolution.truncated.length > 0) {
    notices.push(
      `The relations of ${resolution.truncated.length} object(s) are very long; only the first pages were read.`,
    );
  }

  const first = sources[0];
  const container = input.container;
  const title = container
    ? clip(container.name.trim() || `${container.kind} ${container.id}`, 255)
    : sources.length === 1 && first
      ? clip(first.name?.trim() || `${first.type} ${first.id}`, 255)
      : `${sources.length.toLocaleString('en-US')} threat data objects`;
  const listed = sources.slice(0, MAX_LISTED_SOURCES).map((s) => {
    const name = s.name?.trim() || s.id;
    return `- ${clip(name, 200)} (${s.type}): ${objectLink(input.uiOrigin, s.type, s.id)}`;
  });
  if (sources.length > listed.length) {
    listed.push(`- and ${(sources.length - listed.length).toLocaleString('en-US')} more`);
  }
  const sourceLine = container
    ? `Source: Intel Exchange threat ${container.kind}: ${clip(container.name, 200)}`
    : `Source: Intel Exchange ${input.entry === 'bulk' ? 'bulk selection' : 'threat data'}`;
  const description = [sourceLine, ...listed].join('\n');

  return {
    reviewId: input.reviewId,
    actionLabel: settings.actionLabel,
    title,
    description,
    source: {
      kind: container?.kind ?? (sources.length > 1 ? 'ctix-bulk' : 'ctix-object'),
      url: input.pageUrl.slice(0, 8192),
      // {{source_name}}: the object's name (the tab's title is Intel Exchange's own).
      pageTitle: clip(input.pageTitle || title, 2000),
      host: hostOf(input.pageUrl),
      // The container's ID too, so its page lists the incident (history.forObject).
      ctixObjectIds: [...(container ? [container.id] : []), ...sources.map((s) => s.id)],
      ctixSources: sources.map((s) => ({ type: s.type, id: s.id })),
    },
    iocs: kept,
    mapping: mappingForTypes(
      kept.map((i) => i.type),
      settings.mapping,
    ),
    ctixObjects: ctixObjects.slice(0, 1000),
    truncated: iocs.length > kept.length || resolution.truncated.length > 0,
    canEnrich: input.canEnrich,
    uncheckFlagged: settings.review.uncheckFlagged,
    ...(notices.length > 0 ? { notice: notices.join(' ') } : {}),
  };
}
