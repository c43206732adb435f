import type { CtixClient } from '../cyware/ctix-client';
import { backoffDelay } from '../cyware/backoff';
import { isApiError } from '../cyware/errors';
import { tagNameFor } from './tags';

/**
 * Records each incident on the Intel Exchange objects it was raised from: a tag named after
 * its readable ID (product.md §1, cyware-api.md §4), so every analyst's "CFTR Incidents" list
 * shows it. A tag never fails the incident: jobs wait in storage.local and are retried with
 * backoff on every outbox tick until they succeed (or give up after MAX_ATTEMPTS, which the
 * object page shows).
 */

export interface TagJob {
  incidentId: string;
  readableId: string;
  objects: { type: string; id: string }[];
  attempts: number;
  nextAt: number;
  /** The last failure in words, for the object page. */
  error?: string;
}

export interface TagArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface TagWriterDeps {
  ctix: () => Pick<CtixClient, 'findTags' | 'createTag' | 'getObject' | 'setObjectTags'>;
  area: TagArea;
  now: () => number;
  /** Whether tagging is on now (a setting an admin may lock). */
  enabled: () => Promise<boolean>;
  log: (message: string, error?: unknown) => void;
}

export const TAG_JOBS_KEY = 'overlay.tagJobs';
export const MAX_ATTEMPTS = 8;

export function createTagWriter(deps: TagWriterDeps) {
  let running: Promise<void> | null = null;

  async function jobs(): Promise<TagJob[]> {
    const stored = (await deps.area.get(TAG_JOBS_KEY))[TAG_JOBS_KEY];
    return Array.isArray(stored) ? (stored as TagJob[]) : [];
  }
  const save = (list: TagJob[]) => deps.area.set({ [TAG_JOBS_KEY]: list });

  async function tagId(name: string): Promise<string> {
    const ctix = deps.ctix();
    // The search matches loosely: only the exact name is ours.
    const found = (await ctix.findTags(name)).find((t) => t.name === name);
    return found ? found.id : (await ctix.createTag(name)).id;
  }

  async function tagOne(job: TagJob): Promise<void> {
    const ctix = deps.ctix();
    const id = await tagId(tagNameFor(job.readableId));
    for (const object of job.objects) {
      // update_tag SETS the tags: keep the object's own.
      const basic = await ctix.getObject(object.type, object.id);
      const existing = (basic.tags ?? []).flatMap((t) =>
        t.id === undefined || t.id === null ? [] : [String(t.id)],
      );
      if (existing.includes(id)) continue;
      await ctix.setObjectTags(object.type, object.id, [...existing, id]);
    }
  }

  async function runNow(): Promise<void> {
    const list = await jobs();
    if (list.length === 0) return;
    const now = deps.now();
    const left: TagJob[] = [];
    for (const job of list) {
      if (job.nextAt > now || job.attempts >= MAX_ATTEMPTS) {
        left.push(job);
        continue;
      }
      try {
        await tagOne(job);
      } catch (error) {
        deps.log('tagging the Intel Exchange objects failed', error);
        const attempts = job.attempts + 1;
        left.push({
          ...job,
          attempts,
          nextAt: now + backoffDelay(attempts, undefined, { baseMs: 5_000, capMs: 30 * 60_000 }),
          error: isApiError(error) ? error.message : 'Intel Exchange did not answer as expected.',
        });
      }
    }
    // Jobs added while this pass ran are kept.
    const added = (await jobs()).filter((j) => !list.some((o) => o.incidentId === j.incidentId));
    await save([...left, ...added]);
  }

  return {
    /** Queue the tags for a created incident (nothing when tagging is off). */
    async enqueue(job: Pick<TagJob, 'incidentId' | 'readableId' | 'objects'>): Promise<void> {
      if (job.objects.length === 0 || !(await deps.enabled())) return;
      const list = await jobs();
      if (list.some((j) => j.incidentId === job.incidentId)) return;
      await save([...list, { ...job, attempts: 0, nextAt: 0 }]);
    },
    /** One pass over due jobs; concurrent calls share it. */
    run(): Promise<void> {
      running ??= runNow().finally(() => {
        running = null;
      });
      return running;
    },
    /** Jobs still waiting (the object page warns about them). */
    pending: jobs,
  };
}

export type TagWriter = ReturnType<typeof createTagWriter>;
