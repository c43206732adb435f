import type { IncidentSource } from '../model/incident';

export type SourceKind = IncidentSource['kind'];

/** Which glyph components/popup/SourceIcon draws; one per family of flows. */
export type SourceIconName =
  'selection' | 'link' | 'page' | 'object' | 'objects' | 'bulletin' | 'investigation';

interface KindInfo {
  icon: SourceIconName;
  /** Spoken and shown as the icon's tooltip, since the glyph alone says nothing to everyone. */
  label: string;
}

const KINDS: Record<SourceKind, KindInfo> = {
  selection: { icon: 'selection', label: 'Text selection' },
  link: { icon: 'link', label: 'Link' },
  page: { icon: 'page', label: 'Web page' },
  'ctix-object': { icon: 'object', label: 'Intel Exchange object' },
  'ctix-bulk': { icon: 'objects', label: 'Intel Exchange objects' },
  bulletin: { icon: 'bulletin', label: 'Threat bulletin' },
  investigation: { icon: 'investigation', label: 'Threat investigation' },
};

export function sourceKindInfo(kind: SourceKind): KindInfo {
  return KINDS[kind];
}

/** The host a row names, from the stored host or, for old rows without one, the URL. */
function hostOf(source: IncidentSource): string {
  if (source.host) return source.host;
  try {
    return new URL(source.url).host;
  } catch {
    return '';
  }
}

/**
 * One line saying where an incident came from: "host — page title" for web flows, the CTIX
 * object's name (or how many objects) for Intel Exchange flows.
 */
export function sourceLabel(source: IncidentSource): string {
  const title = source.pageTitle.trim();
  const host = hostOf(source);
  switch (source.kind) {
    case 'ctix-bulk': {
      const n = source.ctixObjectIds.length;
      if (n > 0) return `${n} Intel Exchange ${n === 1 ? 'object' : 'objects'}`;
      return title || host || 'Intel Exchange objects';
    }
    case 'ctix-object':
    case 'bulletin':
    case 'investigation':
      return title || source.ctixObjectIds[0] || host || KINDS[source.kind].label;
    default: {
      const parts = [host, title].filter((p) => p.length > 0);
      return parts.length > 0 ? parts.join(' — ') : source.url || KINDS[source.kind].label;
    }
  }
}
