import { ApiError } from '../../../utils/cyware/errors';
import type { CreateRequest, ListedIncident, RespondPort } from '../../../utils/outbox/ports';

/**
 * An in-memory Respond for the runner's unit tests. Each create call takes the next scripted
 * step: 'ok', an error thrown before anything happens, or an error thrown AFTER the incident
 * was stored (a timeout or dropped connection whose request did take effect).
 */
export type Step =
  | 'ok'
  | { reject: ApiError }
  | { createThenFail: ApiError }
  | { check: () => Promise<void> | void };

export function createFakeRespond() {
  const incidents: (ListedIncident & { body: string })[] = [];
  const script: Step[] = [];
  const listScript: (ApiError | 'ok')[] = [];
  const bodies: string[] = [];
  let listCalls = 0;

  const store = (req: CreateRequest) => {
    const parsed = JSON.parse(req.body) as { description?: string };
    const n = incidents.length + 1;
    const incident = {
      unique_id: `uuid-${n}`,
      readable_id: `INC${100 + n}`,
      description: parsed.description ?? null,
      body: req.body,
    };
    incidents.push(incident);
    return { apiId: incident.unique_id, readableId: String(incident.readable_id) };
  };

  const port: RespondPort = {
    async createIncident(req) {
      bodies.push(req.body);
      const step = script.shift() ?? 'ok';
      if (step === 'ok') return store(req);
      if ('reject' in step) throw step.reject;
      if ('check' in step) {
        await step.check();
        return store(req);
      }
      store(req);
      throw step.createThenFail;
    },
    async listIncidents() {
      listCalls++;
      const step = listScript.shift() ?? 'ok';
      if (step !== 'ok') throw step;
      return { results: incidents.toReversed() };
    },
  };

  return {
    port,
    incidents,
    bodies,
    script,
    listScript,
    get listCalls() {
      return listCalls;
    },
  };
}

export const errors = {
  rateLimited: (retryAfterSec?: number) =>
    new ApiError('rate-limited', 'Respond is rate limiting this key.', {
      status: 429,
      ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
    }),
  server: () => new ApiError('server', 'Respond had an internal error (500).', { status: 500 }),
  proxy: () =>
    new ApiError(
      'blocked-by-access-proxy',
      'An access proxy (Cloudflare Access) answered instead of Respond: ask the tenant admin to exempt the Open API paths.',
      { status: 403 },
    ),
  badRequest: () =>
    new ApiError('bad-request', 'Respond refused the incident (400).', {
      status: 400,
      detail: '{"title": ["Ensure this field has no more than 255 characters."]}',
    }),
  timeout: () => new ApiError('timeout', 'Respond did not answer within 30 s.'),
  network: () => new ApiError('network', 'The connection to Respond failed.'),
  auth: () =>
    new ApiError('auth', 'Respond rejected the access ID or secret key (401).', { status: 401 }),
};
