// Intel Exchange (CTIX v3) Open API endpoints, relative to /ctixapi/ (cyware-api.md §4).
import { CqlError, matchesCql, parseCql } from '../cql';
import { isRecord, json, notFoundJson, parseJson, type SandboxResponse } from '../http';
import { paginate } from '../paginate';
import type { Route, RouteContext } from '../router';
import type { ThreatObject } from '../seed-types';

/** `basic/`: the documented fields only; the ID is deliberately absent (clients keep the path's). */
export function basicView(o: ThreatObject) {
  return {
    name: o.name,
    type: o.type,
    sub_type: o.ioc_type,
    confidence_score: o.confidence_score,
    tlp: o.tlp,
    description: o.description,
    sources: o.sources,
    tags: o.tags,
    created: o.created,
    modified: o.modified,
    ctix_created: o.ctix_created,
    ctix_modified: o.ctix_modified,
    valid_from: o.valid_from,
    valid_until: o.valid_until,
  };
}

const isoTime = (s: number | null): string | null =>
  s === null ? null : new Date(s * 1000).toISOString();

/**
 * List and lookup rows. `sub_type` is the literal "value" for indicators, a quirk of the real
 * API that clients must not trip over (they should read `ioc_type`).
 */
export function listView(o: ThreatObject, iso: boolean) {
  const time = (s: number | null): number | string | null => (iso ? isoTime(s) : s);
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    ioc_type: o.ioc_type,
    sub_type: o.type === 'indicator' ? 'value' : null,
    confidence_score: o.confidence_score,
    tlp: o.tlp,
    is_false_positive: o.is_false_positive,
    is_whitelisted: o.is_whitelisted,
    is_deprecated: o.is_deprecated,
    sources: o.sources,
    tags: o.tags,
    created: time(o.created),
    modified: time(o.modified),
    ctix_created: time(o.ctix_created),
    ctix_modified: time(o.ctix_modified),
    valid_from: time(o.valid_from),
    valid_until: time(o.valid_until),
  };
}

function paged<T, R>(
  ctx: RouteContext,
  items: readonly T[],
  view: (item: T) => R,
): SandboxResponse {
  const outcome = paginate(items, ctx.pathname, ctx.query);
  if (!outcome.ok) return json(404, { detail: outcome.detail });
  return json(200, { ...outcome.page, results: outcome.page.results.map(view) });
}

function findObject(ctx: RouteContext): ThreatObject | undefined {
  const [type, id] = ctx.params;
  const o = ctx.state.seed.getObject(id ?? '');
  return o && o.type === type ? o : undefined;
}

function basic(ctx: RouteContext): SandboxResponse {
  const o = findObject(ctx);
  return o ? json(200, basicView(o)) : notFoundJson();
}

function relations(ctx: RouteContext): SandboxResponse {
  const o = findObject(ctx);
  if (!o) return notFoundJson();
  return paged(ctx, ctx.state.seed.relationsOf(o.id), (r) => ({
    id: r.id,
    relationship_type: r.relationship_type,
    target_ref: {
      id: r.target.id,
      name: r.target.name,
      object_type: r.target.type,
      sub_type: r.target.ioc_type,
      tlp: r.target.tlp,
    },
  }));
}

function threatDataList(ctx: RouteContext): SandboxResponse {
  const parsed = parseJson(ctx.body);
  if (!parsed.ok) return json(400, { detail: `JSON parse error - ${parsed.error}` });
  if (!isRecord(parsed.value)) return json(400, { message: 'Request body must be a JSON object.' });
  const query = parsed.value.query ?? '';
  if (typeof query !== 'string') return json(400, { message: 'query must be a string.' });
  try {
    const clauses = parseCql(query);
    const hits = ctx.state.seed.objects.filter((o) => matchesCql(o, clauses));
    return paged(ctx, hits, (o) => listView(o, false));
  } catch (error) {
    if (error instanceof CqlError)
      return json(400, { message: `Invalid CQL query: ${error.message}` });
    throw error;
  }
}

function bulkLookup(ctx: RouteContext): SandboxResponse {
  const parsed = parseJson(ctx.body);
  if (!parsed.ok) return json(400, { detail: `JSON parse error - ${parsed.error}` });
  const values = isRecord(parsed.value) ? parsed.value.value : undefined;
  if (!Array.isArray(values) || values.length === 0) {
    return json(400, { value: ['This field is required and must be a non-empty list.'] });
  }
  if (!values.every((v): v is string => typeof v === 'string')) {
    return json(400, { value: ['Every item must be a string.'] });
  }
  // Results follow the order of the request, once per indicator.
  const seen = new Set<string>();
  const hits: ThreatObject[] = [];
  for (const v of values) {
    const o = ctx.state.seed.findByValue(v.trim());
    if (o && o.type === 'indicator' && !seen.has(o.id)) {
      seen.add(o.id);
      hits.push(o);
    }
  }
  return paged(ctx, hits, (o) => listView(o, true));
}

function bulletins(ctx: RouteContext): SandboxResponse {
  const q = (ctx.query.get('q') ?? '').trim().toLowerCase();
  const items = ctx.state.seed.bulletins.filter((b) => !q || b.title.toLowerCase().includes(q));
  return paged(ctx, items, (b) => b);
}

function bulletin(ctx: RouteContext): SandboxResponse {
  const b = ctx.state.seed.getBulletin(ctx.params[0] ?? '');
  return b ? json(200, b) : notFoundJson();
}

function canvas(ctx: RouteContext): SandboxResponse {
  const c = ctx.state.seed.getCanvas(ctx.params[0] ?? '');
  if (!c) return notFoundJson();
  return json(200, {
    id: c.id,
    name: c.name,
    description: c.description,
    created: c.created,
    modified: c.modified,
  });
}

// The real paging behaviour of this endpoint is unknown; all items come in one answer.
function canvasNodes(ctx: RouteContext): SandboxResponse {
  const c = ctx.state.seed.getCanvas(ctx.params[0] ?? '');
  return c ? json(200, { total: c.items.length, results: c.items }) : notFoundJson();
}

// Tags (cyware-api.md §4). The list and create paths are documented; the create body beyond
// `name`, the duplicate rule and the update_tag answer are not, so the sandbox picks DRF-like
// behaviour (see sandbox/README.md).
export const TAG_NAME_MAX = 100;

function tagList(ctx: RouteContext): SandboxResponse {
  const q = (ctx.query.get('q') ?? '').trim().toLowerCase();
  const items = ctx.state.tags.filter((t) => !q || t.name.toLowerCase().includes(q));
  return paged(ctx, items, (t) => t);
}

function tagCreate(ctx: RouteContext): SandboxResponse {
  const parsed = parseJson(ctx.body);
  if (!parsed.ok) return json(400, { detail: `JSON parse error - ${parsed.error}` });
  if (!isRecord(parsed.value)) {
    return json(400, { non_field_errors: ['Invalid data. Expected a dictionary.'] });
  }
  const name = parsed.value.name;
  if (name === undefined || name === null) return json(400, { name: ['This field is required.'] });
  if (typeof name !== 'string') return json(400, { name: ['Not a valid string.'] });
  const trimmed = name.trim();
  if (trimmed === '') return json(400, { name: ['This field may not be blank.'] });
  if ([...trimmed].length > TAG_NAME_MAX) {
    return json(400, { name: [`Ensure this field has no more than ${TAG_NAME_MAX} characters.`] });
  }
  const lower = trimmed.toLowerCase();
  if (ctx.state.tags.some((t) => t.name.toLowerCase() === lower)) {
    return json(400, { name: ['tag with this name already exists.'] });
  }
  return json(201, ctx.state.createTag(trimmed));
}

/** `update_tag` SETS the object's tags to `data.tag_ids` (the documented guess). */
function updateTag(ctx: RouteContext): SandboxResponse {
  const parsed = parseJson(ctx.body);
  if (!parsed.ok) return json(400, { detail: `JSON parse error - ${parsed.error}` });
  if (!isRecord(parsed.value)) {
    return json(400, { non_field_errors: ['Invalid data. Expected a dictionary.'] });
  }
  const body = parsed.value;
  const errors: Record<string, unknown> = {};
  for (const key of ['object_type', 'object_id'] as const) {
    if (typeof body[key] !== 'string' || body[key] === '')
      errors[key] = ['This field is required.'];
  }
  const data = body.data;
  const tagIds = isRecord(data) ? data.tag_ids : undefined;
  if (!Array.isArray(tagIds) || !tagIds.every((t): t is string => typeof t === 'string')) {
    errors.data = { tag_ids: ['Expected a list of tag IDs.'] };
  }
  if (Object.keys(errors).length > 0 || !Array.isArray(tagIds)) return json(400, errors);
  const o = ctx.state.seed.getObject(String(body.object_id));
  if (!o || o.type !== body.object_type) return notFoundJson();
  const byId = new Map(ctx.state.tags.map((t) => [t.id, t]));
  const missing = tagIds.find((id) => !byId.has(String(id)));
  if (missing !== undefined) {
    return json(400, {
      data: { tag_ids: [`Invalid pk "${String(missing)}" - object does not exist.`] },
    });
  }
  const ids = [...new Set(tagIds.map(String))];
  o.tags = ids.map((id) => {
    const t = byId.get(id);
    return { id, name: t?.name ?? '' };
  });
  o.ctix_modified = Math.max(o.ctix_modified, Math.floor(ctx.nowMs / 1000));
  return json(200, {
    message: 'Tags updated successfully.',
    object_id: o.id,
    object_type: o.type,
    tags: o.tags,
  });
}

const SEG = '([^/]+)';

export const ctixRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^ping\/$/, handle: () => json(200, { result: 'pong' }) },
  {
    method: 'GET',
    pattern: new RegExp(`^ingestion/threat-data/${SEG}/${SEG}/basic/$`),
    handle: basic,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^ingestion/threat-data/${SEG}/${SEG}/relations/$`),
    handle: relations,
  },
  { method: 'POST', pattern: /^ingestion\/threat-data\/list\/$/, handle: threatDataList },
  { method: 'POST', pattern: /^ingestion\/openapi\/bulk-lookup\/indicator\/$/, handle: bulkLookup },
  {
    method: 'GET',
    pattern: /^ingestion\/utilities\/ioc-types\/$/,
    handle: (ctx) => json(200, { results: ctx.state.seed.iocTypes }),
  },
  { method: 'GET', pattern: /^ingestion\/tags\/$/, handle: tagList },
  { method: 'POST', pattern: /^ingestion\/tags\/$/, handle: tagCreate },
  {
    method: 'POST',
    pattern: /^ingestion\/threat-data\/action\/update_tag\/$/,
    handle: updateTag,
  },
  { method: 'GET', pattern: /^conversion\/threat-bulletin\/$/, handle: bulletins },
  { method: 'GET', pattern: new RegExp(`^conversion/threat-bulletin/${SEG}/$`), handle: bulletin },
  { method: 'GET', pattern: new RegExp(`^ingestion/canvas/nodes/${SEG}/$`), handle: canvasNodes },
  { method: 'GET', pattern: new RegExp(`^ingestion/canvas/${SEG}/$`), handle: canvas },
];
