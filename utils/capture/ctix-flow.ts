import { isApiError } from '../cyware/errors';
import type { CtixObjectRef } from '../model/overlay';
import {
  createResolver,
  ResolveError,
  type ResolveProgress,
  type ResolverCtix,
} from '../overlay/resolve';
import type { ReviewPorts } from '../review/review-ports';
import type { ReviewRecord, ReviewStore } from '../review/review-store';
import type { Settings } from '../settings/schema';
import {
  bulletinSources,
  canvasSources,
  nodeChoice,
  type ContainerBulletin,
  type ContainerNode,
  type Usable,
} from '../overlay/containers';
import { buildCtixDraft, type CtixContainer, type CtixEntry } from './ctix-draft';

/**
 * The overlay's flows: Create CFTR Incident on Intel Exchange objects (object page, list row,
 * bulk selection). The review opens at once in the analyst's tab and shows progress while the
 * worker resolves the objects through the CTIX API; the draft goes to the same review store as
 * the page flows' drafts. A resolution that fails never yields a half-resolved draft: the
 * review says what failed, and the analyst starts again.
 */

/** The CTIX calls for bulletins and investigations (CtixClient fits). */
export interface ContainerCtix {
  getBulletin(id: string): Promise<ContainerBulletin>;
  getCanvas(id: string): Promise<{ name?: string | null }>;
  getCanvasNodes(id: string): Promise<ContainerNode[]>;
}

export interface CtixFlowDeps {
  ctix(): ResolverCtix & ContainerCtix;
  ctixConfigured(): Promise<boolean>;
  store: ReviewStore;
  ports: Pick<ReviewPorts, 'push'>;
  openReview(record: ReviewRecord): Promise<ReviewRecord['host']>;
  getSettings(): Promise<Settings>;
  /** Intel Exchange UI origin for deep links. */
  uiOrigin(settings: Settings): string | null;
  newId(): string;
  now(): number;
  log(message: string, error?: unknown): void;
}

export interface CtixTrigger {
  tabId: number;
  pageUrl: string;
  pageTitle: string;
  objects: readonly CtixObjectRef[];
  entry: CtixEntry;
  /** A bulletin or an investigation (issue 12): the worker reads its objects. */
  container?: { kind: 'bulletin' | 'investigation'; id: string; nodes?: readonly string[] };
}

export interface CtixStart {
  started: boolean;
  reason?: string;
  reviewId?: string;
  /** Settles when the draft is stored or the review was told why not; never rejects. */
  finished: Promise<void>;
}

const notStarted = (reason: string): CtixStart => ({
  started: false,
  reason,
  finished: Promise.resolve(),
});

function progressText(p: ResolveProgress): string {
  const objects =
    p.sourcesTotal === 1
      ? 'Reading the object from Intel Exchange'
      : `Reading ${p.sourcesDone.toLocaleString('en-US')} of ${p.sourcesTotal.toLocaleString('en-US')} objects from Intel Exchange`;
  const pages =
    p.pagesKnown > 0
      ? `, relations page ${p.pagesDone.toLocaleString('en-US')} of ${p.pagesKnown.toLocaleString('en-US')}`
      : '';
  return `${objects}${pages}…`;
}

function failureText(error: unknown): string {
  const cause = error instanceof ResolveError ? error.cause : error;
  const what =
    error instanceof ResolveError ? `${error.source.type} ${error.source.id}` : 'the objects';
  const why = isApiError(cause) ? cause.message : 'Intel Exchange did not answer as expected.';
  return `Could not read ${what} from Intel Exchange: ${why} Nothing was created. Close this and try again.`;
}

/** A bulletin's report, or an investigation's picked nodes; a draft or an empty one says why. */
export async function readContainer(
  ctix: ContainerCtix,
  c: NonNullable<CtixTrigger['container']>,
): Promise<Usable> {
  if (c.kind === 'bulletin') return bulletinSources(await ctix.getBulletin(c.id));
  const [canvas, nodes] = await Promise.all([ctix.getCanvas(c.id), ctix.getCanvasNodes(c.id)]);
  return canvasSources(canvas.name, c.id, nodes, c.nodes);
}

/** The canvas action with no nodes named: the review lists the canvas's nodes to pick from. */
const choosing = (trigger: CtixTrigger) =>
  trigger.container?.kind === 'investigation' && (trigger.container.nodes?.length ?? 0) === 0;

export function createCtixFlow(deps: CtixFlowDeps) {
  /** Reviews whose choice is being resolved: a second Continue does nothing. */
  const picking = new Set<string>();

  async function fail(reviewId: string, message: string): Promise<void> {
    // Kept with the review: a page that connects later is told too.
    await deps.store.update(reviewId, { failed: message });
    deps.ports.push(reviewId, { type: 'ended', message });
  }

  /** The node picker's stage: the canvas nodes API's nodes, stored with the review. */
  async function offerChoice(reviewId: string, trigger: CtixTrigger): Promise<void> {
    const id = trigger.container?.id ?? '';
    deps.ports.push(reviewId, { type: 'progress', text: 'Reading the investigation’s nodes…' });
    let choice;
    try {
      const ctix = deps.ctix();
      const [canvas, nodes] = await Promise.all([ctix.getCanvas(id), ctix.getCanvasNodes(id)]);
      choice = nodeChoice(canvas.name, id, nodes, trigger.pageUrl);
    } catch (error) {
      deps.log('reading the investigation’s nodes failed', error);
      return fail(reviewId, failureText(error));
    }
    if (choice.nodes.length === 0) {
      return fail(reviewId, 'This investigation has no nodes on its canvas. Nothing was created.');
    }
    const stored = await deps.store.update(reviewId, { choose: choice });
    if (stored) deps.ports.push(reviewId, { type: 'choose', choice });
  }

  async function resolveAndStore(reviewId: string, trigger: CtixTrigger, settings: Settings) {
    const push = (text: string) => deps.ports.push(reviewId, { type: 'progress', text });
    push('Reading from Intel Exchange…');
    const resolver = createResolver({
      ctix: deps.ctix(),
      mappedTypes: settings.mapping.flatMap((row) => row.ctixTypes),
      onProgress: (p) => push(progressText(p)),
    });
    let resolution;
    let container: CtixContainer | undefined;
    let objects = trigger.objects;
    try {
      if (trigger.container) {
        const usable = await readContainer(deps.ctix(), trigger.container);
        if (!usable.ok) return await fail(reviewId, `${usable.reason} Nothing was created.`);
        container = { kind: trigger.container.kind, id: trigger.container.id, name: usable.name };
        objects = usable.sources;
      }
      resolution = await resolver.resolve(objects);
    } catch (error) {
      deps.log('resolving Intel Exchange objects failed', error);
      return fail(reviewId, failureText(error));
    }
    const draft = buildCtixDraft({
      reviewId,
      entry: trigger.entry,
      resolution,
      settings,
      canEnrich: await deps.ctixConfigured().catch(() => false),
      pageUrl: trigger.pageUrl,
      pageTitle: trigger.pageTitle,
      uiOrigin: deps.uiOrigin(settings) ?? new URL(trigger.pageUrl).origin,
      ...(container ? { container } : {}),
    });
    const stored = await deps.store.setDraft(reviewId, draft);
    if (stored?.draft) deps.ports.push(reviewId, { type: 'draft', draft: stored.draft });
  }

  return {
    async start(trigger: CtixTrigger): Promise<CtixStart> {
      if (!(await deps.ctixConfigured().catch(() => false))) {
        return notStarted('Intel Exchange is not set up in the extension’s options.');
      }
      const settings = await deps.getSettings();
      const limit = settings.overlay.bulkLimit;
      if (trigger.objects.length > limit) {
        return notStarted(
          `${trigger.objects.length.toLocaleString('en-US')} objects are selected; one incident takes at most ${limit.toLocaleString('en-US')}. Select fewer.`,
        );
      }
      const reviewId = deps.newId();
      // One review per tab, as for the page flows: a new one replaces the old.
      const previous = await deps.store.forTab(trigger.tabId);
      if (previous?.host === 'page') await deps.store.remove(previous.reviewId);
      const record: ReviewRecord = {
        reviewId,
        tabId: trigger.tabId,
        host: 'page',
        createdAt: deps.now(),
      };
      await deps.store.put(record);
      const run = choosing(trigger)
        ? offerChoice(reviewId, trigger)
        : resolveAndStore(reviewId, trigger, settings);
      const finished = run.catch((error: unknown) =>
        deps.log('the Intel Exchange flow failed', error),
      );
      await deps.openReview(record);
      return { started: true, reviewId, finished };
    },

    /**
     * The node picker's Continue (review.pick; the caller checked who may answer this review):
     * the picked nodes resolve as part 1's objects do, and the review goes on to its draft.
     */
    async pick(reviewId: string, nodes: readonly string[]): Promise<CtixStart> {
      const record = await deps.store.get(reviewId);
      const choice = record?.choose;
      if (!record || !choice || picking.has(reviewId)) {
        return notStarted('This review has no nodes waiting to be chosen.');
      }
      const settings = await deps.getSettings();
      const offered = new Set(choice.nodes.map((n) => n.id));
      const picked = [...new Set(nodes)].filter((id) => offered.has(id));
      const limit = settings.overlay.bulkLimit;
      if (picked.length === 0) return notStarted('Choose at least one node.');
      if (picked.length > limit) {
        return notStarted(
          `${picked.length.toLocaleString('en-US')} nodes are chosen; one incident takes at most ${limit.toLocaleString('en-US')}. Choose fewer.`,
        );
      }
      picking.add(reviewId);
      // Cleared first: a page that reconnects from now on gets the progress, not the picker.
      await deps.store.update(reviewId, { choose: undefined });
      const trigger: CtixTrigger = {
        tabId: record.tabId,
        pageUrl: choice.pageUrl,
        pageTitle: '',
        objects: [],
        entry: 'investigation',
        container: { kind: 'investigation', id: choice.canvasId, nodes: picked },
      };
      const finished = resolveAndStore(reviewId, trigger, settings)
        .catch((error: unknown) => deps.log('the Intel Exchange flow failed', error))
        .finally(() => picking.delete(reviewId));
      return { started: true, reviewId, finished };
    },
  };
}

export type CtixFlow = ReturnType<typeof createCtixFlow>;
