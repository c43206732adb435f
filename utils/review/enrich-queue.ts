import type { Enrichment } from '../model/review';

/**
 * How the dialog asks for enrichment: at most ENRICH_PER_CALL values per review.enrich call and
 * at most ENRICH_PARALLEL calls at once, so a long IOC list neither floods the worker nor
 * spends the Intel Exchange rate limit in one burst. Results arrive batch by batch.
 */

export const ENRICH_PER_CALL = 20;
export const ENRICH_PARALLEL = 2;
/** IOCs looked up per dialog; beyond that the list is too long to read anyway. */
export const MAX_ENRICH = 200;

export interface EnrichAnswer {
  results: Enrichment[];
  error?: { message: string };
}

export interface EnrichQueueOptions {
  send: (values: string[]) => Promise<EnrichAnswer>;
  onResults: (results: Enrichment[]) => void;
  signal?: AbortSignal;
  perCall?: number;
  parallel?: number;
}

/** Resolves with the first error's message (remaining batches are not sent), or null. */
export async function enrichInBatches(
  values: readonly string[],
  options: EnrichQueueOptions,
): Promise<string | null> {
  const perCall = options.perCall ?? ENRICH_PER_CALL;
  const batches: string[][] = [];
  for (let i = 0; i < values.length; i += perCall) batches.push(values.slice(i, i + perCall));
  let next = 0;
  let failure: string | null = null;

  async function worker(): Promise<void> {
    while (failure === null && next < batches.length && !options.signal?.aborted) {
      const batch = batches[next++] ?? [];
      try {
        const answer = await options.send(batch);
        if (options.signal?.aborted) return;
        options.onResults(answer.results);
        if (answer.error) failure ??= answer.error.message;
      } catch (error) {
        failure ??= error instanceof Error ? error.message : 'The lookup failed.';
      }
    }
  }

  const workers = Math.max(1, Math.min(options.parallel ?? ENRICH_PARALLEL, batches.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return failure;
}

/** Which values to look up: mapped IOCs first (they are what gets sent), then the rest. */
export function valuesToEnrich(
  iocs: readonly { type: string; value: string }[],
  isMapped: (type: string) => boolean,
  max = MAX_ENRICH,
): string[] {
  const ordered = [
    ...iocs.filter((i) => isMapped(i.type)),
    ...iocs.filter((i) => !isMapped(i.type)),
  ];
  return [...new Set(ordered.map((i) => i.value))].slice(0, max);
}
