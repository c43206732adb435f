import * as z from 'zod/mini';
import type { Enrichment } from '../model/review';
import { createHttp, type CallOptions, type HttpDeps } from './http';
import { isNotFound } from './errors';
import { pathSegment } from './request-url';
import { collectPages, pageEnvelope, type Paged, type PageOptions } from './paginate';
import {
  bulletinSchema,
  canvasNodesResponseSchema,
  canvasSchema,
  ctixListItemSchema,
  ctixObjectBasicSchema,
  ctixRelationSchema,
  iocTypesResponseSchema,
  type CtixBulletin,
  type CtixCanvas,
  type CtixCanvasNode,
  type CtixIocType,
  type CtixListItem,
  type CtixObject,
  type CtixRelation,
} from './ctix-schemas';

/** Intel Exchange (CTIX v3) calls of cyware-api.md §4, relative to the `/ctixapi/` base. */

export type CtixClientDeps = Omit<HttpDeps, 'product'>;

export interface CtixClient {
  /** `GET ping/`; a 404 means the base URL is wrong. One attempt unless told otherwise. */
  ping(options?: CallOptions): Promise<{ latencyMs: number }>;
  getObject(type: string, id: string, options?: CallOptions): Promise<CtixObject>;
  listRelations(type: string, id: string, options?: PageOptions): Promise<Paged<CtixRelation>>;
  search(cql: string, options?: PageOptions): Promise<Paged<CtixListItem>>;
  /** Values of one call; chunking (about 20 a call) is the caller's. */
  bulkLookup(values: readonly string[], options?: PageOptions): Promise<Paged<CtixListItem>>;
  iocTypes(options?: CallOptions): Promise<CtixIocType[]>;
  listBulletins(q: string, options?: PageOptions): Promise<Paged<CtixBulletin>>;
  getBulletin(id: string, options?: CallOptions): Promise<CtixBulletin>;
  getCanvas(id: string, options?: CallOptions): Promise<CtixCanvas>;
  getCanvasNodes(id: string, options?: CallOptions): Promise<CtixCanvasNode[]>;

  // ---- Intel Exchange overlay (issue 11) ----
  /**
   * One page of an object's relations (`page` from 1), so a caller can show progress and keep
   * going past listRelations' page cap; each page is its own signed call. Fits
   * `ResolverCtix.listRelationsPage` (utils/overlay/resolve.ts).
   */
  listRelationsPage(
    type: string,
    id: string,
    page: number,
    options?: CallOptions & { pageSize?: number },
  ): Promise<CtixRelationsPage>;
  /** Tags whose name contains `q` (the server matches loosely: compare names yourself). */
  findTags(q: string, options?: CallOptions): Promise<CtixTag[]>;
  /** Creates a tag by name (cyware-api.md §4: send only the name). */
  createTag(name: string, options?: CallOptions): Promise<CtixTag>;
  /** SETS an object's tags: pass the ones it has plus the new one. */
  setObjectTags(
    type: string,
    id: string,
    tagIds: readonly string[],
    options?: CallOptions,
  ): Promise<void>;
}

export interface CtixTag {
  id: string;
  name: string;
}

const tagSchema = z.looseObject({
  id: z.pipe(z.union([z.string(), z.number()]), z.transform(String)),
  name: z.string(),
});
const tagsPageSchema = pageEnvelope(tagSchema);

export interface CtixRelationsPage {
  results: CtixRelation[];
  /** The server's total, when it gave one. */
  total: number | null;
  hasNext: boolean;
}

const relationsPageSchema = pageEnvelope(ctixRelationSchema);

/** Path segments come from pages and the API: an id can never add a segment. */
const seg = pathSegment;

function callOptions(options: CallOptions = {}): CallOptions {
  return {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  };
}

export function createCtixClient(deps: CtixClientDeps): CtixClient {
  const http = createHttp({ ...deps, product: 'ctix' });

  return {
    async ping(options = {}) {
      const { latencyMs } = await http.request({
        method: 'GET',
        path: 'ping/',
        schema: z.unknown(),
        connectionTest: true,
        // A connection test reports what happened now, fast, instead of retrying it away.
        maxAttempts: 1,
        ...callOptions(options),
      });
      return { latencyMs };
    },

    async getObject(type, id, options) {
      const { data } = await http.request({
        method: 'GET',
        path: `ingestion/threat-data/${seg(type)}/${seg(id)}/basic/`,
        schema: ctixObjectBasicSchema,
        ...callOptions(options),
      });
      // The body has no id; the one from the path is the truth.
      return { ...data, id, type: data.type ?? type };
    },

    listRelations(type, id, options) {
      return collectPages(
        http,
        {
          method: 'GET',
          path: `ingestion/threat-data/${seg(type)}/${seg(id)}/relations/`,
          item: ctixRelationSchema,
        },
        { pageSize: 100, ...options },
      );
    },

    search(cql, options) {
      return collectPages(
        http,
        {
          method: 'POST',
          path: 'ingestion/threat-data/list/',
          body: JSON.stringify({ query: cql }),
          idempotent: true,
          item: ctixListItemSchema,
        },
        options,
      );
    },

    bulkLookup(values, options) {
      return collectPages(
        http,
        {
          method: 'POST',
          path: 'ingestion/openapi/bulk-lookup/indicator/',
          body: JSON.stringify({ value: values }),
          idempotent: true,
          item: ctixListItemSchema,
        },
        options,
      );
    },

    async iocTypes(options) {
      const { data } = await http.request({
        method: 'GET',
        path: 'ingestion/utilities/ioc-types/',
        schema: iocTypesResponseSchema,
        ...callOptions(options),
      });
      const rows = Array.isArray(data) ? data : data.results;
      return rows.map((row) => ({ id: row.id, name: row.name ?? row.id }));
    },

    listBulletins(q, options) {
      return collectPages(
        http,
        {
          method: 'GET',
          path: 'conversion/threat-bulletin/',
          query: q === '' ? {} : { q },
          item: bulletinSchema,
        },
        options,
      );
    },

    async getBulletin(id, options) {
      const { data } = await http.request({
        method: 'GET',
        path: `conversion/threat-bulletin/${seg(id)}/`,
        schema: bulletinSchema,
        ...callOptions(options),
      });
      return data;
    },

    async getCanvas(id, options) {
      const { data } = await http.request({
        method: 'GET',
        path: `ingestion/canvas/${seg(id)}/`,
        schema: canvasSchema,
        ...callOptions(options),
      });
      return { ...data, id, name: data.name ?? data.title ?? null };
    },

    async getCanvasNodes(id, options) {
      // Not paged: sending page parameters to an endpoint that ignores them would loop.
      const { data } = await http.request({
        method: 'GET',
        path: `ingestion/canvas/nodes/${seg(id)}/`,
        schema: canvasNodesResponseSchema,
        ...callOptions(options),
      });
      return Array.isArray(data) ? data : data.results;
    },

    // ---- Intel Exchange overlay (issue 11) ----
    async listRelationsPage(type, id, page, options = {}) {
      const pageSize = options.pageSize ?? 100;
      let data: z.infer<typeof relationsPageSchema>;
      try {
        ({ data } = await http.request({
          method: 'GET',
          path: `ingestion/threat-data/${seg(type)}/${seg(id)}/relations/`,
          query: { page, page_size: pageSize },
          schema: relationsPageSchema,
          ...callOptions(options),
        }));
      } catch (error) {
        // DRF answers a page past the end with 404 "Invalid page." (as collectPages reads it).
        if (page > 1 && isNotFound(error)) return { results: [], total: null, hasNext: false };
        throw error;
      }
      const total = data.total ?? data.count ?? null;
      // `next` is only a hint (never followed); without it, the total or a full page decides.
      const hasNext =
        data.next !== undefined && data.next !== null
          ? true
          : total !== null
            ? page * pageSize < total && data.results.length > 0
            : data.next === undefined && data.results.length >= pageSize;
      return { results: data.results, total, hasNext };
    },

    async findTags(q, options) {
      const { data } = await http.request({
        method: 'GET',
        path: 'ingestion/tags/',
        query: { q, page: 1, page_size: 100 },
        schema: tagsPageSchema,
        ...callOptions(options),
      });
      return data.results.map((t) => ({ id: t.id, name: t.name }));
    },

    async createTag(name, options) {
      const { data } = await http.request({
        method: 'POST',
        path: 'ingestion/tags/',
        body: JSON.stringify({ name }),
        schema: tagSchema,
        ...callOptions(options),
      });
      return { id: data.id, name: data.name };
    },

    async setObjectTags(type, id, tagIds, options) {
      await http.request({
        method: 'POST',
        path: 'ingestion/threat-data/action/update_tag/',
        body: JSON.stringify({ object_type: type, object_id: id, data: { tag_ids: [...tagIds] } }),
        // Setting the same tags again changes nothing: safe to retry.
        idempotent: true,
        schema: z.unknown(),
        ...callOptions(options),
      });
    },
  };
}

/**
 * One enrichment per asked value, in the asked order, for the review dialog (contract
 * `enrichmentSchema`). A lookup result names its indicator by `name` (the value); case is
 * ignored because domains and hashes are case-insensitive.
 */
export function enrichmentsFromLookup(
  values: readonly string[],
  results: readonly CtixListItem[],
): Enrichment[] {
  const byValue = new Map<string, CtixListItem>();
  for (const item of results) {
    const value = item.name ?? (typeof item['value'] === 'string' ? item['value'] : null);
    if (value !== null && !byValue.has(value.toLowerCase())) byValue.set(value.toLowerCase(), item);
  }
  return values.map((value) => {
    const item = byValue.get(value.toLowerCase());
    if (!item) return { value, known: false };
    const iocType = item.ioc_type ?? (item.sub_type === 'value' ? null : item.sub_type);
    return {
      value,
      known: true,
      id: item.id,
      ...(iocType == null ? {} : { iocType }),
      ...(item.confidence_score == null ? {} : { score: item.confidence_score }),
      ...(item.tlp == null ? {} : { tlp: item.tlp }),
      ...(item.is_false_positive == null ? {} : { falsePositive: item.is_false_positive }),
      ...(item.is_whitelisted == null ? {} : { allowlisted: item.is_whitelisted }),
      ...(item.is_deprecated == null ? {} : { deprecated: item.is_deprecated }),
    };
  });
}
