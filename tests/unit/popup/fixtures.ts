import type { HistoryItem } from '../../../utils/model/incident';
import type { Status } from '../../../utils/model/views';

export const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

let counter = 0;

/** A valid history item (the fake messenger validates every answer against the contract). */
export function historyItem(patch: Partial<HistoryItem> = {}): HistoryItem {
  counter += 1;
  const n = counter;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    state: 'created',
    title: `Incident ${n}`,
    source: {
      kind: 'page',
      url: `https://news.example/post/${n}`,
      pageTitle: `Report ${n}`,
      host: 'news.example',
      ctixObjectIds: [],
    },
    iocs: [{ type: 'ipv4', value: `198.51.100.${n % 250}` }],
    iocCount: 1,
    createdAt: NOW - n * 60_000,
    updatedAt: NOW - n * 60_000,
    apiId: `uid-${n}`,
    readableId: `INC${1000 + n}`,
    link: `https://tenant.example/cftr/incidents/uid-${n}/`,
    attempts: 1,
    ...patch,
  };
}

/** A history item that Respond refused (400). */
export function failedItem(patch: Partial<HistoryItem> = {}): HistoryItem {
  const { apiId: _a, readableId: _r, link: _l, ...base } = historyItem(patch);
  return {
    ...base,
    state: 'failed',
    error: {
      kind: 'bad-request',
      message: 'Respond rejected the request (400) for POST v1/incident/.',
      status: 400,
      detail: '{"title":["This field is required."]}',
      retryable: false,
    },
    ...patch,
  };
}

export function status(patch: Partial<Status> = {}): Status {
  return {
    ctix: { configured: true, expiresOn: null, expiry: 'none' },
    cftr: {
      configured: true,
      expiresOn: null,
      expiry: 'none',
      lastTest: { ok: true, at: NOW - 5 * 60_000, latencyMs: 120.4 },
    },
    queued: 0,
    failed: 0,
    ...patch,
  };
}
