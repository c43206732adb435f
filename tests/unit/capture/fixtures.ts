import type { HistoryItem } from '../../../utils/model/incident';
import type { ReviewDraft } from '../../../utils/model/review';

export const REQUEST_ID = '3f2b8c1e-7d4a-4e9b-9c61-5a0f2e8d7b13';

/** A draft as the background builds it: two mapped types, one unmapped (btc). */
export function makeDraft(patch: Partial<ReviewDraft> = {}): ReviewDraft {
  return {
    reviewId: 'review-1',
    actionLabel: 'Create CFTR Incident',
    title: 'Command and control',
    description: 'Source: https://research.example/x\nPage: Report',
    source: {
      kind: 'selection',
      url: 'https://research.example/x',
      pageTitle: 'Report',
      host: 'research.example',
      ctixObjectIds: [],
    },
    iocs: [
      { type: 'ipv4', value: '45.137.21.9', original: '45.137.21[.]9' },
      { type: 'ipv4', value: '193.42.33.107', original: '193.42.33.107' },
      { type: 'domain', value: 'docs-share-preview.com', original: 'docs-share-preview[.]com' },
      {
        type: 'btc',
        value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
        original: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      },
    ],
    mapping: {
      ipv4: { ctixType: 'ipv4-addr', respondField: 'ip_address' },
      domain: { ctixType: 'domain-name', respondField: 'domain' },
      btc: { ctixType: 'btc-address', respondField: null },
    },
    ctixObjects: [],
    truncated: false,
    canEnrich: true,
    ...patch,
  };
}

export function makeItem(patch: Partial<HistoryItem> = {}): HistoryItem {
  return {
    id: REQUEST_ID,
    state: 'queued',
    title: 'Command and control',
    source: makeDraft().source,
    iocs: [],
    iocCount: 0,
    createdAt: 1,
    updatedAt: 1,
    attempts: 0,
    ...patch,
  };
}
