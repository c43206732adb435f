import * as z from 'zod/mini';
import { truncateDetail } from './classify';
import { ApiError } from './errors';
import { createHttp, type CallOptions, type HttpDeps } from './http';
import { describeKeys, readIdByPaths } from './id-paths';
import { pathSegment } from './request-url';
import { collectPages, type Paged, type PageOptions } from './paginate';

/** Respond (CFTR) calls of cyware-api.md §5, relative to the `/cftrapi/openapi/` base. */

export type RespondClientDeps = Omit<HttpDeps, 'product'>;

export const incidentSummarySchema = z.looseObject({
  unique_id: z.string(),
  readable_id: z.nullish(z.union([z.string(), z.number()])),
  title: z.nullish(z.string()),
  status: z.nullish(z.union([z.string(), z.looseObject({})])),
  created: z.nullish(z.union([z.number(), z.string()])),
  description: z.nullish(z.string()),
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

export interface CreateIncidentRequest {
  /** Relative to the Respond base, from settings.template.createPath. */
  path: string;
  /** The exact JSON text to send: what the preview showed is what the server gets. */
  body: string;
  apiIdPaths: readonly string[];
  readableIdPaths: readonly string[];
}

export interface CreatedIncident {
  apiId: string;
  readableId: string;
  raw: unknown;
}

export interface ListIncidentsQuery extends PageOptions {
  /** Epoch seconds. */
  createdGte?: number;
  createdLte?: number;
}

export interface RespondClient {
  /** `GET test-connectivity/`; a 404 means the base URL is wrong. One attempt unless told otherwise. */
  testConnectivity(options?: CallOptions): Promise<{ latencyMs: number }>;
  /** One attempt, never retried here: the outbox reconciles an unknown outcome first. */
  createIncident(
    req: CreateIncidentRequest,
    options?: Pick<CallOptions, 'signal' | 'timeoutMs'>,
  ): Promise<CreatedIncident>;
  listIncidents(query?: ListIncidentsQuery): Promise<Paged<IncidentSummary>>;
  getIncident(uniqueId: string, options?: CallOptions): Promise<IncidentSummary>;
}

export function createRespondClient(deps: RespondClientDeps): RespondClient {
  const http = createHttp({ ...deps, product: 'cftr' });

  return {
    async testConnectivity(options = {}) {
      const { latencyMs } = await http.request({
        method: 'GET',
        path: 'test-connectivity/',
        // The body is UNKNOWN (cyware-api.md §5): any JSON, or none, is a pass.
        schema: z.unknown(),
        connectionTest: true,
        maxAttempts: 1,
        ...options,
      });
      return { latencyMs };
    },

    async createIncident(req, options = {}) {
      const { data, status } = await http.request({
        method: 'POST',
        path: req.path,
        body: req.body,
        schema: z.unknown(),
        idempotent: false,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
      const apiId = readIdByPaths(data, req.apiIdPaths);
      const readableId = readIdByPaths(data, req.readableIdPaths);
      if (apiId === undefined || readableId === undefined) {
        const missing = apiId === undefined ? req.apiIdPaths : req.readableIdPaths;
        const what = apiId === undefined ? 'incident ID' : 'readable ID';
        throw new ApiError(
          'invalid-response',
          `Respond answered ${status}, so the incident was probably created, but no ${what} was found at ${missing.join(', ')}. Response keys: ${describeKeys(data)}. Fix the ID paths in the incident template settings.`,
          { status, detail: truncateDetail(JSON.stringify(data) ?? '') },
        );
      }
      return { apiId, readableId, raw: data };
    },

    listIncidents(query = {}) {
      const { createdGte, createdLte, ...options } = query;
      return collectPages(
        http,
        {
          method: 'GET',
          path: 'v1/incident/',
          query: {
            created_date__gte: createdGte === undefined ? undefined : Math.floor(createdGte),
            created_date__lte: createdLte === undefined ? undefined : Math.floor(createdLte),
          },
          item: incidentSummarySchema,
        },
        options,
      );
    },

    async getIncident(uniqueId, options = {}) {
      const { data } = await http.request({
        method: 'GET',
        path: `v1/incident/${pathSegment(uniqueId)}/`,
        schema: incidentSummarySchema,
        ...options,
      });
      return data;
    },
  };
}
