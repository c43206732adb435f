/**
 * What the outbox needs from the Respond API layer (utils/cyware/respond-client.ts), as a
 * narrow interface so tests can pass a fake server.
 */
export interface CreateRequest {
  path: string;
  /** The exact JSON text to send. */
  body: string;
  apiIdPaths: string[];
  readableIdPaths: string[];
}

export interface CreateResult {
  apiId: string;
  readableId?: string;
}

export interface ListedIncident {
  unique_id: string;
  readable_id?: string | number | null;
  description?: string | null;
  created?: number | string | null;
}

export interface RespondPort {
  createIncident(
    request: CreateRequest,
    options: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<CreateResult>;
  /**
   * Incidents created in [createdGte, createdLte] (epoch seconds, both inclusive), every page
   * up to maxPages. `truncated`: maxPages stopped before the listing ran out; `total`: the
   * server's count of the whole listing, when it gave one.
   */
  listIncidents(query: {
    createdGte?: number;
    createdLte?: number;
    pageSize?: number;
    maxPages?: number;
  }): Promise<{ results: ListedIncident[]; truncated?: boolean; total?: number | null }>;
}
