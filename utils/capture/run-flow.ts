import type { Settings } from '../settings/schema';
import {
  runInPage,
  withTimeout,
  type InjectionTarget,
  type ScriptingLike,
  type TabLike,
  type WindowsLike,
} from './browser-ports';
import { buildDraft, MAX_EXTRACT_BYTES, type Extractor, type FlowCapture } from './build-draft';
import type { ReviewPorts } from '../review/review-ports';
import { createReviewOpener } from './open-review';
import { readLinkInPage, readSelectionInPage, type CapturedText } from './page-scripts';
import type { ReviewRecord, ReviewStore } from '../review/review-store';
import { readPageText } from './page-transfer';
import { canScriptUrl, isPdfDocument } from './scriptable';
import type { WebFlowKind } from './text-rules';

/**
 * A web flow from click to stored draft: read the page (selection, link or whole page), open
 * the review (framed in the page, or in an extension window where the page cannot host it),
 * extract the IOCs here in the service worker, store the draft, push it to the review.
 */

/** Characters read from a page; the extractor then caps at MAX_EXTRACT_BYTES. */
export const MAX_CAPTURE_CHARS = MAX_EXTRACT_BYTES;
/** Characters of page text read per page task (see readPageInPage). */
export const PAGE_CHUNK_CHARS = 200_000;
const LINK_TEXT_CHARS = 2000;
/** A page that does not answer within this is treated as one that cannot be read. */
const PAGE_SCRIPT_TIMEOUT_MS = 20_000;
const PROBE_TIMEOUT_MS = 3_000;

export interface FlowDeps {
  scripting: ScriptingLike;
  windows: WindowsLike;
  store: ReviewStore;
  ports: Pick<ReviewPorts, 'push' | 'waitForPage' | 'removeFrame'>;
  /** chrome-extension://<id>/review.html?id=<reviewId> */
  reviewUrl(reviewId: string): string;
  getSettings(): Promise<Settings>;
  /** An Intel Exchange connection exists (the dialog then asks for enrichment). */
  canEnrich(): Promise<boolean>;
  extract: Extractor;
  newId(): string;
  now(): number;
  log(message: string, error?: unknown): void;
}

export interface FlowTrigger {
  kind: WebFlowKind;
  tab: TabLike;
  /** The frame the menu was opened in (0 or absent = the top frame). */
  frameId?: number;
  /** The top page's URL as the menu reports it (present even without host access). */
  pageUrl?: string;
  selectionText?: string;
  linkUrl?: string;
  linkText?: string;
}

export interface FlowStart {
  started: boolean;
  reason?: string;
  reviewId?: string;
  host?: 'page' | 'window';
  /** Settles when the draft is stored (or the flow gave up); never rejects. */
  finished: Promise<void>;
}

const NOT_SCRIPTABLE_NOTICE =
  'The extension cannot read this page (browser pages, the PDF viewer and the web stores are protected)';

function notStarted(reason: string): FlowStart {
  return { started: false, reason, finished: Promise.resolve() };
}

function megabytes(chars: number): string {
  return `${(chars / 1024 / 1024).toFixed(1)} MB`;
}

/** What the menu and the tab tell us when the page itself cannot be read. */
function captureWithoutPage(trigger: FlowTrigger, pageUrl: string, reason: string): FlowCapture {
  const base = {
    kind: trigger.kind,
    pageUrl,
    pageTitle: trigger.tab.title ?? '',
    truncated: false,
  };
  switch (trigger.kind) {
    case 'selection':
      return {
        ...base,
        text: trigger.selectionText ?? '',
        notice: `${reason}: the selected text as the browser passed it was used, and it may be shortened.`,
      };
    case 'link':
      return {
        ...base,
        text: trigger.linkText ?? '',
        ...(trigger.linkUrl === undefined ? {} : { linkUrl: trigger.linkUrl }),
      };
    case 'page':
      // The browser gives no title for a page we may not read (chrome://…): say what is used.
      return {
        ...base,
        text: '',
        notice: `${reason}: only its address${base.pageTitle ? ' and title are' : ' is'} used.`,
      };
  }
}

function captureFromPage(trigger: FlowTrigger, pageUrl: string, read: CapturedText): FlowCapture {
  const inTopFrame = !trigger.frameId;
  return {
    kind: trigger.kind,
    pageUrl: pageUrl || read.url,
    pageTitle: (inTopFrame ? read.title : trigger.tab.title) || trigger.tab.title || '',
    // A selection in a frame we could not reach reads as empty: the menu's copy is better.
    text:
      read.text ||
      (trigger.kind === 'selection' ? (trigger.selectionText ?? '') : (trigger.linkText ?? '')),
    truncated: read.truncated,
    ...(trigger.linkUrl === undefined ? {} : { linkUrl: trigger.linkUrl }),
  };
}

export function createFlowRunner(deps: FlowDeps) {
  const openDialog = createReviewOpener(deps);

  /** Extract, store, tell the dialog. A failure still yields a draft, so the dialog never hangs. */
  async function finish(
    reviewId: string,
    getCapture: (progress: (text: string) => Promise<void>) => Promise<FlowCapture>,
    trigger: FlowTrigger,
    pageUrl: string,
  ): Promise<void> {
    const progress = async (text: string) => {
      deps.ports.push(reviewId, { type: 'progress', text });
    };
    const [settings, canEnrich] = await Promise.all([deps.getSettings(), deps.canEnrich()]);
    let capture: FlowCapture;
    try {
      capture = await getCapture(progress);
    } catch (error) {
      deps.log('reading the page failed', error);
      capture = captureWithoutPage(trigger, pageUrl, 'The page could not be read');
    }
    if (capture.text.length > 100_000) {
      await progress(`Finding IOCs in ${megabytes(capture.text.length)} of text…`);
    }
    let draft;
    try {
      draft = buildDraft({ reviewId, capture, settings, canEnrich, extract: deps.extract });
    } catch (error) {
      deps.log('IOC extraction failed', error);
      draft = buildDraft({
        reviewId,
        capture: {
          ...capture,
          text: '',
          notice: 'IOC extraction failed on this text; no IOCs are listed.',
        },
        settings,
        canEnrich,
        extract: deps.extract,
      });
    }
    // The user may have closed the dialog meanwhile: then there is nothing to store. A review
    // page that connects later gets the stored draft when it connects.
    const stored = await deps.store.setDraft(reviewId, draft);
    if (stored?.draft) deps.ports.push(reviewId, { type: 'draft', draft: stored.draft });
  }

  async function start(trigger: FlowTrigger): Promise<FlowStart> {
    const tabId = trigger.tab.id;
    if (tabId === undefined || tabId < 0)
      return notStarted('There is no page in this tab to read.');
    if (trigger.kind === 'link' && !trigger.linkUrl) return notStarted('The link has no address.');
    const pageUrl = trigger.pageUrl || trigger.tab.url || '';
    // An unknown URL (no host access to see it) is tried: executeScript has the final word.
    const scriptable = pageUrl === '' || canScriptUrl(pageUrl);
    const target: InjectionTarget = trigger.frameId
      ? { tabId, frameIds: [trigger.frameId] }
      : { tabId };
    const reviewId = deps.newId();

    let host: ReviewRecord['host'] = 'window';
    let getCapture: (progress: (text: string) => Promise<void>) => Promise<FlowCapture>;

    if (trigger.kind === 'page') {
      // The dialog goes up first (it is outside document.body, so not in the text read), and
      // shows progress while a big page is read and searched.
      let readable = false;
      if (scriptable) {
        try {
          const type = await withTimeout(
            runInPage(deps.scripting, { tabId }, () => document.contentType, []),
            PROBE_TIMEOUT_MS,
            'Probing the page',
          );
          readable = true;
          if (!isPdfDocument(type)) host = 'page';
        } catch (error) {
          deps.log('the page cannot be scripted', error);
        }
      }
      getCapture = async (progress) => {
        if (!readable) return captureWithoutPage(trigger, pageUrl, NOT_SCRIPTABLE_NOTICE);
        await progress('Reading the page…');
        const read = await withTimeout(
          readPageText(deps.scripting, { tabId }, MAX_CAPTURE_CHARS, PAGE_CHUNK_CHARS),
          PAGE_SCRIPT_TIMEOUT_MS,
          'Reading the page',
        );
        if (isPdfDocument(read.contentType)) {
          return captureWithoutPage(trigger, pageUrl, NOT_SCRIPTABLE_NOTICE);
        }
        return captureFromPage(trigger, pageUrl, read);
      };
    } else {
      // Read before the dialog exists: focusing its title field would clear the selection.
      let capture: FlowCapture | null = null;
      if (scriptable) {
        try {
          const read =
            trigger.kind === 'selection'
              ? await withTimeout(
                  runInPage(deps.scripting, target, readSelectionInPage, [MAX_CAPTURE_CHARS]),
                  PAGE_SCRIPT_TIMEOUT_MS,
                  'Reading the selection',
                )
              : await withTimeout(
                  runInPage(deps.scripting, target, readLinkInPage, [
                    trigger.linkUrl ?? '',
                    LINK_TEXT_CHARS,
                  ]),
                  PAGE_SCRIPT_TIMEOUT_MS,
                  'Reading the link',
                );
          if (!isPdfDocument(read.contentType)) {
            capture = captureFromPage(trigger, pageUrl, read);
            host = 'page';
          }
        } catch (error) {
          deps.log('the page cannot be scripted; using what the menu gave', error);
        }
      }
      const known = capture ?? captureWithoutPage(trigger, pageUrl, NOT_SCRIPTABLE_NOTICE);
      getCapture = async () => known;
    }

    // One in-page review per tab: a new one replaces the old (whose frame the new host script
    // removes), so its record must not keep notifications quiet.
    const previous = await deps.store.forTab(tabId);
    if (previous?.host === 'page' && host === 'page') await deps.store.remove(previous.reviewId);
    await deps.store.put({ reviewId, tabId, host, createdAt: deps.now() });
    // Reading and extracting go on while the review loads: it shows progress, then the draft.
    const finished = finish(reviewId, getCapture, trigger, pageUrl).catch((error: unknown) =>
      deps.log('the review flow failed', error),
    );
    const shownIn = await openDialog({ reviewId, tabId, host, createdAt: deps.now() });
    return { started: true, reviewId, host: shownIn, finished };
  }

  return { start };
}

export type FlowRunner = ReturnType<typeof createFlowRunner>;
