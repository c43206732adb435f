// Test-only control and inspection endpoints under /__sandbox/. They need no signature, are
// never logged themselves (the log shows what the extension did, not what the test did), and
// are immune to faults, so a test can always clean up.
import { json, methodNotAllowed, parseJson, type SandboxResponse } from '../http';
import { COLLEAGUE_INCIDENT, KNOWN, KNOWN_IDS, UNKNOWN_REPORT_IOCS } from '../known';
import type { Product, SandboxState } from '../state';

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
