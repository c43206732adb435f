import type { OutboxItem } from '../store/records';
import type { CreateResult, RespondPort } from './ports';

export interface ReconcileOptions {
  /** Clocks differ and `created` may be rounded: search this far before the first attempt. */
  marginMs: number;
  /** Reads the Bridge-Ref out of a description (utils/cyware/template.ts findReference). */
  findReference: (text: string) => string | null;
  pageSize?: number;
  maxPages?: number;
}

/**
 * Before re-sending a request whose earlier attempt may have succeeded, look for the incident
 * it would have created: every description carries `Bridge-Ref: <outbox id>`. Returns the
 * incident to adopt, or null when Respond has none (then a send cannot duplicate).
 */
export async function findExistingIncident(
  respond: RespondPort,
  item: OutboxItem,
  opts: ReconcileOptions,
): Promise<CreateResult | null> {
  const since = (item.firstAttemptAt ?? item.enqueuedAt) - opts.marginMs;
  const { results } = await respond.listIncidents({
    createdGte: Math.floor(since / 1000),
    pageSize: opts.pageSize ?? 100,
    maxPages: opts.maxPages ?? 20,
  });
  const ref = item.id.toLowerCase();
  for (const incident of results) {
    if (!incident.description) continue;
    if (opts.findReference(incident.description) === ref) {
      return {
        apiId: incident.unique_id,
        ...(incident.readable_id != null && incident.readable_id !== ''
          ? { readableId: String(incident.readable_id) }
          : {}),
      };
    }
  }
  return null;
}
