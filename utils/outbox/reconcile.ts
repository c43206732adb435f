import type { OutboxItem } from '../store/records';
import type { CreateResult, ListedIncident, RespondPort } from './ports';

export interface SearchOptions {
  /** Reads the Bridge-Ref out of a description (utils/cyware/template.ts findReference). */
  findReference: (text: string) => string | null;
  pageSize?: number;
  /** Pages fetched for one time window before it is split in two. */
  maxPages?: number;
  /** All listing requests of one search together; past it the search is unsure. */
  maxRequests?: number;
}

/**
 * How far ahead of our clock Respond's can be. The signature bounds it: Respond refuses an
 * `Expires` (our now + 20 s) more than 30 s ahead of its clock or already past, so a request
 * that got through came from a clock within about 20 s of the server's.
 */
export const CLOCK_AHEAD_MS = 60_000;

export interface ReconcileOptions extends SearchOptions {
  /** Clocks differ, `created` may be rounded and queues back up: search this far back. */
  marginMs: number;
  now: number;
}

/**
 * What a search by Bridge-Ref proved:
 *  - found: every incident listed with the reference (more than one = a duplicate exists);
 *  - absent: the whole time window was listed and none has it;
 *  - unsure: part of the window could not be listed (too many incidents in one second, or
 *    the request budget ran out), and none was found in the rest. Never a reason to send.
 * A listing that fails throws: the caller classifies that error.
 */
export type SearchOutcome =
  | { kind: 'found'; matches: CreateResult[] }
  | { kind: 'absent' }
  | { kind: 'unsure'; reason: string };

const toResult = (incident: ListedIncident): CreateResult => ({
  apiId: incident.unique_id,
  ...(incident.readable_id != null && incident.readable_id !== ''
    ? { readableId: String(incident.readable_id) }
    : {}),
});

/**
 * Every incident created in [fromSec, toSec] whose description carries `Bridge-Ref: <ref>`.
 * The window is listed with Respond's created_date filters (cyware-api.md §5); a window whose
 * listing does not fit in `maxPages` pages is split in two halves in time and each half listed
 * on its own, down to one second, so a busy tenant cannot push the incident out of view. This
 * needs no particular sort order from the server: only the filters and the page count.
 */
export async function searchByReference(
  respond: RespondPort,
  ref: string,
  window: { fromSec: number; toSec: number },
  opts: SearchOptions,
): Promise<SearchOutcome> {
  const pageSize = opts.pageSize ?? 100;
  const maxPages = opts.maxPages ?? 20;
  const maxRequests = opts.maxRequests ?? 200;
  const wanted = ref.toLowerCase();
  const matches = new Map<string, CreateResult>();
  const collect = (results: ListedIncident[]) => {
    for (const incident of results) {
      if (!incident.description) continue;
      if (opts.findReference(incident.description) === wanted) {
        matches.set(incident.unique_id, toResult(incident));
      }
    }
  };

  let requests = 0;
  let unsure: string | null = null;
  const stack: [number, number][] = [[Math.floor(window.fromSec), Math.ceil(window.toSec)]];
  while (stack.length > 0) {
    const [lo, hi] = stack.pop() as [number, number];
    if (requests >= maxRequests) {
      unsure = `the search stopped after ${requests} listing requests`;
      break;
    }
    // One page first: most windows fit in it, and its total says whether the rest would fit.
    requests += 1;
    const probe = await respond.listIncidents({
      createdGte: lo,
      createdLte: hi,
      pageSize,
      maxPages: 1,
    });
    collect(probe.results);
    if (!probe.truncated) continue;
    const total = probe.total ?? null;
    if (total !== null && total <= pageSize * maxPages) {
      requests += Math.ceil(total / pageSize);
      const full = await respond.listIncidents({
        createdGte: lo,
        createdLte: hi,
        pageSize,
        maxPages,
      });
      collect(full.results);
      if (!full.truncated) continue;
    }
    if (lo >= hi) {
      unsure = `Respond lists more than ${pageSize * maxPages} incidents created in one second`;
      continue;
    }
    const mid = Math.floor((lo + hi) / 2);
    stack.push([lo, mid], [mid + 1, hi]);
  }
  if (matches.size > 0) return { kind: 'found', matches: [...matches.values()] };
  return unsure === null ? { kind: 'absent' } : { kind: 'unsure', reason: unsure };
}

/**
 * Before re-sending a request whose earlier attempt may have succeeded, look for the incident
 * it would have created: every description carries `Bridge-Ref: <outbox id>`. The window runs
 * from the first attempt (minus the margin) to now (plus CLOCK_AHEAD_MS).
 */
export function findExistingIncident(
  respond: RespondPort,
  item: OutboxItem,
  opts: ReconcileOptions,
): Promise<SearchOutcome> {
  const since = (item.firstAttemptAt ?? item.enqueuedAt) - opts.marginMs;
  return searchByReference(
    respond,
    item.id,
    { fromSec: since / 1000, toSec: (opts.now + CLOCK_AHEAD_MS) / 1000 },
    opts,
  );
}
