/**
 * What a set of Intel Exchange objects turns into for an incident, resolved through the CTIX
 * API by type and ID (issue 11 point 7), never from page text:
 *
 * - an indicator → itself: its value and IOC type (`basic/` `sub_type`, else `ioc_type`);
 * - a report → every page of its relations (each page its own signed call) → the indicators
 *   among them; the report itself is never a target, other related objects are only counted;
 * - any other object → itself (valued by its name, typed by its object type) plus the indicators
 *   among its relations.
 *
 * Targets are split into mapped and unmapped by their CTIX type (an IOC type for indicators, the
 * object type otherwise), compared without letter case, `asn` = `autonomous-system`, with counts
 * per type. Calls run with bounded concurrency. A failed call rejects the whole resolution with a
 * ResolveError: nothing is returned half-resolved.
 *
 * Pure: no browser API and no worker module; the CTIX calls come in as a parameter.
 */

export interface ObjectRef {
  type: string;
  id: string;
}

export interface CallSignal {
  signal?: AbortSignal;
}

/** `basic/` of one object, as far as resolution needs it (CtixClient.getObject fits). */
export interface ResolverObject {
  id: string;
  type: string;
  name?: string | null;
  sub_type?: string | null;
  ioc_type?: string | null;
}

export interface ResolverRelation {
  id: string;
  relationship_type?: string | null;
  target_ref: {
    id: string;
    name?: string | null;
    object_type?: string | null;
    sub_type?: string | null;
  };
}

export interface RelationsPage {
  results: ResolverRelation[];
  /** The server's total number of relations, when it said. */
  total: number | null;
  /** Whether a page after this one exists. */
  hasNext: boolean;
}

/** The CTIX calls the resolver makes (CtixClient.getObject and listRelationsPage fit). */
export interface ResolverCtix {
  getObject(type: string, id: string, options?: CallSignal): Promise<ResolverObject>;
  listRelationsPage(
    type: string,
    id: string,
    page: number,
    options?: CallSignal & { pageSize?: number },
  ): Promise<RelationsPage>;
}

export interface ResolvedTarget {
  /** The indicator's value, or the object's name. */
  value: string;
  /** IOC type for indicators (e.g. `ipv4-addr`), the object type otherwise (e.g. `malware`). */
  ctixType: string;
  objectType: string;
  objectId: string;
  /** The source objects (`type/id`) that led to it, in input order. */
  from: string[];
}

export interface ResolvedSource extends ObjectRef {
  name: string | null;
  /** Relations read (0 for an indicator). */
  relations: number;
}

export interface Resolution {
  sources: ResolvedSource[];
  mapped: ResolvedTarget[];
  unmapped: ResolvedTarget[];
  /** Targets per CTIX type, e.g. `{ 'ipv4-addr': 12 }`. */
  mappedCounts: Record<string, number>;
  unmappedCounts: Record<string, number>;
  /** Related objects that are not indicators (of reports and other objects), per object type. */
  ignoredCounts: Record<string, number>;
  /** Sources whose relations stopped at maxPagesPerObject; the dialog must say so. */
  truncated: ObjectRef[];
}

export interface ResolveProgress {
  sourcesDone: number;
  sourcesTotal: number;
  /** Relation pages read so far, and how many are known to exist (grows as totals arrive). */
  pagesDone: number;
  pagesKnown: number;
  /** Distinct targets found so far. */
  targets: number;
}

export class ResolveError extends Error {
  constructor(
    readonly source: ObjectRef,
    /** `object` = its `basic/` call failed; `relations` = one of its relation pages failed. */
    readonly stage: 'object' | 'relations',
    readonly page: number | null,
    override readonly cause: unknown,
  ) {
    const where = stage === 'object' ? 'reading' : `reading relations page ${page ?? '?'} of`;
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Intel Exchange failed while ${where} ${source.type} ${source.id}: ${reason}`);
    this.name = 'ResolveError';
  }
}

export interface ResolverDeps {
  ctix: ResolverCtix;
  /** CTIX types with a Respond field (IOC types and object types). */
  mappedTypes: Iterable<string>;
  /** Calls in flight at most (default 4). */
  concurrency?: number;
  onProgress?: (progress: ResolveProgress) => void;
  /** Relations per page (default 100, the API's maximum). */
  pageSize?: number;
  /** Guard against a listing that never ends (default 200 pages). */
  maxPagesPerObject?: number;
}

export interface Resolver {
  resolve(sources: readonly ObjectRef[], options?: CallSignal): Promise<Resolution>;
}

const ALIASES: Readonly<Record<string, string>> = { asn: 'autonomous-system' };

/** Type key for comparisons: lower case, known aliases folded. */
export function typeKey(type: string): string {
  const lower = type.trim().toLowerCase();
  return ALIASES[lower] ?? lower;
}

const refKey = (ref: ObjectRef): string => `${ref.type}/${ref.id}`;

/** The IOC type of an indicator; list views may say the literal "value" in `sub_type`. */
function iocTypeOf(o: { sub_type?: string | null; ioc_type?: string | null }): string | null {
  const sub = o.sub_type?.trim();
  if (sub && sub.toLowerCase() !== 'value') return sub;
  const ioc = o.ioc_type?.trim();
  return ioc || null;
}

type Found = Omit<ResolvedTarget, 'from'>;

/**
 * Run tasks with at most `limit` in flight. Once `stopped()` says so (a call failed, or the
 * caller aborted), queued tasks are not started: they reject with that reason.
 */
function createLimiter(
  limit: number,
  stopped: () => { reason: unknown } | null,
): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = (): void => {
    // `start` raises `active` (or rejects at once when stopped), so this ends.
    for (;;) {
      if (active >= limit) return;
      const start = queue.shift();
      if (!start) return;
      start();
    }
  };
  return (task) =>
    new Promise((resolve, reject) => {
      queue.push(() => {
        const stop = stopped();
        if (stop) {
          reject(stop.reason);
          return;
        }
        active += 1;
        task()
          .then(resolve, reject)
          .finally(() => {
            active -= 1;
            next();
          });
      });
      next();
    });
}

export function createResolver(deps: ResolverDeps): Resolver {
  const mapped = new Set([...deps.mappedTypes].map(typeKey));
  const concurrency = Math.max(1, Math.floor(deps.concurrency ?? 4));
  const pageSize = deps.pageSize ?? 100;
  const maxPages = Math.max(1, deps.maxPagesPerObject ?? 200);

  return {
    async resolve(sources, options = {}) {
      const { signal } = options;
      const call: CallSignal = signal ? { signal } : {};
      let failure: { reason: unknown } | null = null;
      /** Record the first failure (later calls are not started) and throw it. */
      const fail = (error: unknown, wrap: () => ResolveError): never => {
        // An abort, or the first failure handed on by the limiter, passes through as it is.
        let reason: unknown;
        if (signal?.aborted) reason = signal.reason;
        else if (error instanceof ResolveError) reason = error;
        else reason = wrap();
        failure ??= { reason };
        throw reason;
      };
      const limit = createLimiter(concurrency, () =>
        signal?.aborted ? { reason: signal.reason } : failure,
      );
      const seen = new Set<string>();
      const unique = sources.filter((s) => {
        const key = refKey(s);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      const ignoredCounts: Record<string, number> = {};
      const truncated: ObjectRef[] = [];
      const progress = { sourcesDone: 0, pagesDone: 0, pagesKnown: 0, targets: 0 };
      const report = (): void => deps.onProgress?.({ sourcesTotal: unique.length, ...progress });

      /** Indicators among relations, in order: their type from the relation, else `basic/`. */
      const indicatorsOf = async (relations: readonly ResolverRelation[]): Promise<Found[]> => {
        const found: Promise<Found | null>[] = [];
        for (const r of relations) {
          const t = r.target_ref;
          const objectType = t.object_type?.trim() || 'unknown';
          if (objectType !== 'indicator') {
            ignoredCounts[objectType] = (ignoredCounts[objectType] ?? 0) + 1;
            continue;
          }
          const ctixType = iocTypeOf(t);
          if (ctixType && t.name) {
            found.push(Promise.resolve({ value: t.name, ctixType, objectType, objectId: t.id }));
            continue;
          }
          const ref = { type: 'indicator', id: t.id };
          found.push(
            limit(() => deps.ctix.getObject(ref.type, ref.id, call)).then(
              (o): Found | null => {
                const value = o.name ?? t.name;
                if (!value) return null;
                return { value, ctixType: iocTypeOf(o) ?? 'unknown', objectType, objectId: t.id };
              },
              (error: unknown) => fail(error, () => new ResolveError(ref, 'object', null, error)),
            ),
          );
        }
        const list = await Promise.all(found);
        return list.filter((x): x is Found => x !== null);
      };

      const readPage = async (
        source: ObjectRef,
        page: number,
      ): Promise<{ page: RelationsPage; found: Found[] }> => {
        const result = await limit(() =>
          deps.ctix.listRelationsPage(source.type, source.id, page, { ...call, pageSize }),
        ).catch((error: unknown) =>
          fail(error, () => new ResolveError(source, 'relations', page, error)),
        );
        const found = await indicatorsOf(result.results);
        progress.pagesDone += 1;
        progress.targets += found.length;
        report();
        return { page: result, found };
      };

      /** Page 1 first; with a total the rest go in parallel, otherwise one after another. */
      const readAllRelations = async (
        source: ObjectRef,
      ): Promise<{ found: Found[]; read: number }> => {
        progress.pagesKnown += 1;
        const first = await readPage(source, 1);
        const pages = [first];
        if (first.page.hasNext && first.page.total !== null) {
          const total = Math.ceil(first.page.total / pageSize);
          const last = Math.min(total, maxPages);
          if (total > maxPages) truncated.push(source);
          progress.pagesKnown += Math.max(0, last - 1);
          report();
          const rest = Array.from({ length: Math.max(0, last - 1) }, (_, i) =>
            readPage(source, i + 2),
          );
          pages.push(...(await Promise.all(rest)));
        } else {
          let current = first;
          while (current.page.hasNext && current.page.results.length > 0) {
            if (pages.length >= maxPages) {
              truncated.push(source);
              break;
            }
            progress.pagesKnown += 1;
            current = await readPage(source, pages.length + 1);
            pages.push(current);
          }
        }
        return {
          found: pages.flatMap((p) => p.found),
          read: pages.reduce((n, p) => n + p.page.results.length, 0),
        };
      };

      const resolveOne = async (
        source: ObjectRef,
      ): Promise<{ source: ResolvedSource; found: Found[] }> => {
        const o = await limit(() => deps.ctix.getObject(source.type, source.id, call)).catch(
          (error: unknown) => fail(error, () => new ResolveError(source, 'object', null, error)),
        );
        const name = o.name ?? null;
        const found: Found[] = [];
        let relations = 0;
        if (source.type === 'indicator') {
          if (name) {
            const ctixType = iocTypeOf(o) ?? 'unknown';
            found.push({ value: name, ctixType, objectType: 'indicator', objectId: source.id });
          }
        } else {
          if (source.type !== 'report' && name) {
            found.push({
              value: name,
              ctixType: source.type,
              objectType: source.type,
              objectId: source.id,
            });
          }
          const all = await readAllRelations(source);
          found.push(...all.found);
          relations = all.read;
        }
        progress.sourcesDone += 1;
        if (source.type === 'indicator') progress.targets += found.length;
        report();
        return { source: { ...source, name, relations }, found };
      };

      const resolved = await Promise.all(unique.map(resolveOne));

      // Merge in input order, each object once, remembering every source that led to it.
      const targets = new Map<string, ResolvedTarget>();
      for (const { source, found } of resolved) {
        for (const f of found) {
          const key = `${f.objectType}/${f.objectId}`;
          const existing = targets.get(key);
          if (!existing) targets.set(key, { ...f, from: [refKey(source)] });
          else if (!existing.from.includes(refKey(source))) existing.from.push(refKey(source));
        }
      }
      const split = { mapped: [] as ResolvedTarget[], unmapped: [] as ResolvedTarget[] };
      const counts = {
        mapped: {} as Record<string, number>,
        unmapped: {} as Record<string, number>,
      };
      for (const target of targets.values()) {
        const side = mapped.has(typeKey(target.ctixType)) ? 'mapped' : 'unmapped';
        split[side].push(target);
        counts[side][target.ctixType] = (counts[side][target.ctixType] ?? 0) + 1;
      }
      return {
        sources: resolved.map((r) => r.source),
        mapped: split.mapped,
        unmapped: split.unmapped,
        mappedCounts: counts.mapped,
        unmappedCounts: counts.unmapped,
        ignoredCounts,
        truncated,
      };
    },
  };
}
