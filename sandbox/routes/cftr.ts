// Respond (CFTR) Open API endpoints, relative to /cftrapi/openapi/ (cyware-api.md §5). The create
// call is UNKNOWN in the real product, so two contracts exist: the documented default and an
// 'alt' one with another path and nested, renamed IDs, to prove the extension reads both from
// settings rather than hard-coding them.
import { randomUUID } from 'node:crypto';
import type { Contract } from '../config';
import { isRecord, json, notFoundJson, parseJson, type SandboxResponse } from '../http';
import { paginate } from '../paginate';
import type { Route, RouteContext } from '../router';
import type { IncidentRecord } from '../state';

export const CREATE_PATHS: Record<Contract, string> = {
  default: 'v1/incident/',
  alt: 'v2/incidents/create/',
};

export const TITLE_MAX = 255;

type FieldErrors = Record<string, string[]>;

/** Django REST framework's messages, so the extension shows what a real tenant would say. */
export function validateIncidentBody(body: unknown): FieldErrors | null {
  if (!isRecord(body)) {
    const got = Array.isArray(body) ? 'list' : body === null ? 'null' : typeof body;
    return { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] };
  }
  const errors: FieldErrors = {};
  const title = body.title;
  if (title === undefined) errors.title = ['This field is required.'];
  else if (title === null) errors.title = ['This field may not be null.'];
  else if (typeof title !== 'string') errors.title = ['Not a valid string.'];
  else if (title.trim() === '') errors.title = ['This field may not be blank.'];
  // DRF trims first and counts code points (Python str length), not UTF-16 units.
  else if ([...title.trim()].length > TITLE_MAX) {
    errors.title = [`Ensure this field has no more than ${TITLE_MAX} characters.`];
  }
  const description = body.description;
  if (description !== undefined && description !== null && typeof description !== 'string') {
    errors.description = ['Not a valid string.'];
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/** Incident as list/one answers show it: the stored body's extra fields, then the system fields. */
export function incidentView(i: IncidentRecord): Record<string, unknown> {
  return {
    ...i.body,
    unique_id: i.unique_id,
    readable_id: i.readable_id,
    title: i.title,
    description: i.description,
    status: i.status,
    created: i.created,
    modified: i.modified,
  };
}

function create(ctx: RouteContext): SandboxResponse {
  const parsed = parseJson(ctx.body);
  if (!parsed.ok) return json(400, { detail: `JSON parse error - ${parsed.error}` });
  const errors = validateIncidentBody(parsed.value);
  if (errors || !isRecord(parsed.value)) return json(400, errors ?? {});
  const body = parsed.value;
  const now = Math.floor(ctx.nowMs / 1000);
  const incident: IncidentRecord = {
    unique_id: randomUUID(),
    readable_id: `INC${ctx.state.takeIncidentNumber()}`,
    title: String(body.title).trim(),
    description: typeof body.description === 'string' ? body.description : '',
    status: typeof body.status === 'string' && body.status ? body.status : 'Open',
    created: now,
    modified: now,
    body,
    created_via: ctx.pathname,
  };
  ctx.state.incidents.push(incident);
  if (ctx.config.contract === 'alt') {
    return json(201, {
      data: {
        incident_uuid: incident.unique_id,
        incident_number: incident.readable_id,
        title: incident.title,
        description: incident.description,
        status: incident.status,
        created: incident.created,
      },
    });
  }
  return json(201, incidentView(incident));
}

function parseEpochFilter(ctx: RouteContext, name: string, errors: FieldErrors): number | null {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return null;
  if (!/^\d+(\.\d+)?$/.test(raw)) {
    errors[name] = ['Enter a number (Unix time in seconds).'];
    return null;
  }
  return Number(raw);
}

function list(ctx: RouteContext): SandboxResponse {
  const errors: FieldErrors = {};
  const gte = parseEpochFilter(ctx, 'created_date__gte', errors);
  const lte = parseEpochFilter(ctx, 'created_date__lte', errors);
  if (Object.keys(errors).length > 0) return json(400, errors);
  // Newest first; incidents created in the same second keep creation order reversed.
  const items = ctx.state.incidents
    .map((incident, seq) => ({ incident, seq }))
    .filter(
      ({ incident }) =>
        (gte === null || incident.created >= gte) && (lte === null || incident.created <= lte),
    )
    .toSorted((a, b) => b.incident.created - a.incident.created || b.seq - a.seq)
    .map(({ incident }) => incident);
  const outcome = paginate(items, ctx.pathname, ctx.query);
  if (!outcome.ok) return json(404, { detail: outcome.detail });
  return json(200, { ...outcome.page, results: outcome.page.results.map(incidentView) });
}

function one(ctx: RouteContext): SandboxResponse {
  const incident = ctx.state.findIncident(ctx.params[0] ?? '');
  return incident ? json(200, incidentView(incident)) : notFoundJson();
}

export function cftrRoutes(contract: Contract): Route[] {
  const createPattern = new RegExp(`^${CREATE_PATHS[contract].replace(/\//g, '\\/')}$`);
  return [
    {
      method: 'GET',
      pattern: /^test-connectivity\/$/,
      handle: () => json(200, { message: 'Connected' }),
    },
    { method: 'POST', pattern: createPattern, handle: create },
    { method: 'GET', pattern: /^v1\/incident\/$/, handle: list },
    { method: 'GET', pattern: /^v1\/incident\/([^/]+)\/$/, handle: one },
  ];
}
