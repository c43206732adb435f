import type { IncidentRequest } from '../../../utils/model/incident';
import type { PreparedCreate } from '../../../utils/store/records';

let counter = 0;

/** A valid request; every call gets a fresh requestId unless one is given. */
export function makeRequest(overrides: Partial<IncidentRequest> = {}): IncidentRequest {
  counter += 1;
  const hex = counter.toString(16).padStart(12, '0');
  return {
    requestId: `00000000-0000-4000-8000-${hex}`,
    title: `Incident ${counter}`,
    description: 'Seen on a phishing page',
    iocs: [
      { type: 'ipv4', value: '203.0.113.7' },
      { type: 'domain', value: 'Evil.Example' },
    ],
    ctixObjects: [],
    source: {
      kind: 'page',
      url: 'https://news.example.org/a',
      pageTitle: 'A report',
      host: 'news.example.org',
      ctixObjectIds: [],
    },
    ...overrides,
  };
}

export function makePrepared(id: string): PreparedCreate {
  return {
    path: 'v1/incident/',
    body: JSON.stringify({ title: 't', description: `d\n\nBridge-Ref: ${id}` }),
    apiIdPaths: ['unique_id'],
    readableIdPaths: ['readable_id'],
    linkTemplate: '{ui}incidents/{unique_id}/',
    uiUrl: 'https://tenant.example/cftr/',
  };
}
