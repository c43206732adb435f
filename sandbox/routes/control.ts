// Test-only control and inspection endpoints under /__sandbox/. They need no signature, are
// never logged themselves (the log shows what the extension did, not what the test did), and
// are immune to faults, so a test can always clean up.
import { json, methodNotAllowed, parseJson, type SandboxResponse } from '../http';
import { COLLEAGUE_INCIDENT, KNOWN, KNOWN_IDS, UNKNOWN_REPORT_IOCS } from '../known';
import { randomUUID } from 'node:crypto';
import type { Product, SandboxState } from '../state';

/**
 * `POST /__sandbox/incidents {count, created?}`: `count` (1..20000) incidents that stand for
 * other analysts' work on a busy tenant, all created at `created` (epoch s; default now), with
 * no Bridge-Ref in their descriptions. Returns the total afterwards.
 */
function seedIncidents(state: SandboxState, body: Buffer, nowMs: number): SandboxResponse {
  const parsed = parseJson(body);
  if (!parsed.ok) return json(400, { detail: `JSON parse error - ${parsed.error}` });
  const input = parsed.value as { count?: unknown; created?: unknown } | null;
  const count = input?.count;
  const created = input?.created ?? Math.floor(nowMs / 1000);
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 20_000) {
    return json(400, { count: ['An integer from 1 to 20000 is required.'] });
  }
  if (typeof created !== 'number' || !Number.isInteger(created) || created < 0) {
    return json(400, { created: ['Unix time in seconds.'] });
  }
  for (let i = 0; i < count; i++) {
    const title = `Busy tenant incident ${i + 1}`;
    state.incidents.push({
      unique_id: randomUUID(),
      readable_id: `INC${state.takeIncidentNumber()}`,
      title,
      description: 'Raised by another analyst.',
      status: 'Open',
      created,
      modified: created,
      body: { title },
      created_via: '/__sandbox/incidents',
    });
  }
  return json(201, { total: state.incidents.length });
}

function requests(state: SandboxState, query: URLSearchParams): SandboxResponse {
  const product = query.get('product') as Product | null;
  const path = query.get('path');
  const results = state.requests.filter(
    (r) => (!product || r.product === product) && (!path || r.path.includes(path)),
  );
  return json(200, { total: results.length, results });
}

export function handleControl(
  state: SandboxState,
  method: string,
  pathname: string,
  query: URLSearchParams,
  body: Buffer,
  nowMs: number = Date.now(),
): SandboxResponse {
  switch (pathname) {
    case '/__sandbox/faults':
    case '/__sandbox/faults/': {
      if (method === 'GET') return json(200, { results: state.faults.list() });
      if (method === 'DELETE') {
        state.faults.clear();
        return json(200, { results: [] });
      }
      if (method === 'POST') {
        const parsed = parseJson(body);
        if (!parsed.ok) return json(400, { detail: `JSON parse error - ${parsed.error}` });
        // One rule or a list of rules.
        const inputs: unknown[] = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
        const added = [];
        for (const input of inputs) {
          const result = state.faults.add(input);
          if (!result.ok) return json(400, result.errors);
          added.push(result.rule);
        }
        return json(201, Array.isArray(parsed.value) ? { results: added } : added[0]);
      }
      return methodNotAllowed(method);
    }
    case '/__sandbox/requests':
    case '/__sandbox/requests/':
      if (method === 'GET') return requests(state, query);
      if (method === 'DELETE') {
        state.requests = [];
        return json(200, { total: 0, results: [] });
      }
      return methodNotAllowed(method);
    case '/__sandbox/incidents':
    case '/__sandbox/incidents/':
      if (method === 'POST') return seedIncidents(state, body, nowMs);
      if (method !== 'GET') return methodNotAllowed(method);
      return json(200, { total: state.incidents.length, results: state.incidents });
    case '/__sandbox/reset':
    case '/__sandbox/reset/':
      if (method !== 'POST') return methodNotAllowed(method);
      state.reset();
      return json(200, { reset: true });
    case '/__sandbox/known':
    case '/__sandbox/known/':
      if (method !== 'GET') return methodNotAllowed(method);
      return json(200, {
        known: KNOWN,
        ids: KNOWN_IDS,
        unknown: UNKNOWN_REPORT_IOCS,
        colleagueIncident: COLLEAGUE_INCIDENT,
      });
    default:
      return json(404, { detail: 'Unknown sandbox control path.' });
  }
}
