import type { DuplicateMatch, HistoryItem, IncidentRequest, IocRef } from '../model/incident';
import type { Enrichment, ReviewDraft } from '../model/review';
import type { Status } from '../model/views';
import { EXTRACTABLE_IOC_TYPES } from '../settings/constants';
import type { ExtractableIocType } from '../settings/schema';

/**
 * The review dialog's state machine, pure so it can be tested without a browser. The phase is
 * one of loading → review → creating → done | error; enrichment and duplicates arrive at any
 * time during review and never block it. `screenOf` names the seven states the dialog draws:
 * loading, review, enriched, duplicate, creating, done, error.
 */

export type Phase = 'loading' | 'review' | 'creating' | 'done' | 'error';
export type Screen =
  'loading' | 'review' | 'enriched' | 'duplicate' | 'creating' | 'done' | 'error';

export interface ReviewError {
  message: string;
  /** Still queued in the outbox: it will be sent again by itself. */
  retrying: boolean;
  /** Nothing was stored (the request was refused before the outbox): Create may be pressed again. */
  canRetry: boolean;
}

export interface EnrichmentState {
  status: 'idle' | 'pending' | 'done' | 'failed';
  byValue: Readonly<Record<string, Enrichment>>;
  /** Values asked for (the dialog enriches at most MAX_ENRICH). */
  total: number;
  error?: string;
}

export interface ReviewState {
  phase: Phase;
  /** What the loading screen says (progress of a big page). */
  loadingText: string;
  draft: ReviewDraft | null;
  /** One per dialog: every Create press of this dialog is the same incident. */
  requestId: string | null;
  title: string;
  description: string;
  /** Keys (iocKey) of the checked IOCs; only mapped ones can be in it. */
  selected: ReadonlySet<string>;
  /** Why Create cannot succeed now (an expired or missing Respond key), in words; null = it can. */
  blocked: string | null;
  /** Keys the analyst checked or unchecked by hand: a verdict never overrides them. */
  touched: ReadonlySet<string>;
  /** Keys unchecked because Intel Exchange marks them allow-listed or false positive. */
  uncheckedByVerdict: ReadonlySet<string>;
  enrichment: EnrichmentState;
  duplicates: readonly DuplicateMatch[];
  /** The history item once the background accepted the create. */
  item: HistoryItem | null;
  error: ReviewError | null;
}

export type ReviewAction =
  | { type: 'progress'; text: string }
  | { type: 'loaded'; draft: ReviewDraft; requestId: string }
  | { type: 'loadFailed'; message: string }
  | { type: 'edit'; field: 'title' | 'description'; value: string }
  | { type: 'toggle'; key: string }
  | { type: 'selectGroup'; iocType: ExtractableIocType; checked: boolean }
  | { type: 'selectAll'; checked: boolean }
  /** Check again what the verdict-based default unchecked. */
  | { type: 'recheckFlagged' }
  /** What the connection status says about creating now (null = nothing stands in the way). */
  | { type: 'blocked'; message: string | null }
  | { type: 'enrichStarted'; total: number }
  | { type: 'enriched'; results: readonly Enrichment[] }
  | { type: 'enrichDone' }
  | { type: 'enrichFailed'; message: string }
  | { type: 'duplicates'; matches: readonly DuplicateMatch[] }
  | { type: 'submit' }
  | { type: 'createAnswered'; item: HistoryItem }
  | { type: 'createFailed'; message: string }
  | { type: 'itemUpdated'; item: HistoryItem };

export const TITLE_LIMIT = 255;

export const iocKey = (ioc: { type: string; value: string }): string =>
  `${ioc.type}\u0000${ioc.value}`;

export function initialReviewState(loadingText = 'Reading the page…'): ReviewState {
  return {
    phase: 'loading',
    loadingText,
    draft: null,
    requestId: null,
    title: '',
    description: '',
    selected: new Set(),
    touched: new Set(),
    uncheckedByVerdict: new Set(),
    blocked: null,
    enrichment: { status: 'idle', byValue: {}, total: 0 },
    duplicates: [],
    item: null,
    error: null,
  };
}

export function isMapped(draft: ReviewDraft, type: string): boolean {
  const entry = draft.mapping[type];
  return entry !== undefined && entry.respondField !== null;
}

function mappedKeys(draft: ReviewDraft, type?: ExtractableIocType): string[] {
  return draft.iocs
    .filter((ioc) => (type === undefined || ioc.type === type) && isMapped(draft, ioc.type))
    .map(iocKey);
}

/** Editing and (un)checking are allowed while the user is still deciding. */
function editable(state: ReviewState): boolean {
  return state.phase === 'review' || (state.phase === 'error' && state.error?.canRetry === true);
}

/** Where a history item leaves the dialog: done, still creating, or an error (maybe retrying). */
/** What stands in the way of a create, from the connection status (issue 16). */
export function blockedBy(status: Status): string | null {
  const c = status.cftr;
  if (c.expiry === 'expired') {
    return `The Respond API key expired${c.expiresOn ? ` on ${c.expiresOn}` : ''}: nothing can be created until it is replaced under Connections in the extension's options.`;
  }
  if (!c.configured) {
    return "Respond is not set up: enter its API URL, access ID and secret key under Connections in the extension's options.";
  }
  return null;
}

/**
 * The verdict-based default (a setting, on by default): an IOC Intel Exchange marks allow-listed
 * or false positive starts unchecked, unless the analyst already set it by hand. The dialog
 * says how many and why; one click checks them again.
 */
function uncheckFlagged(state: ReviewState, results: readonly Enrichment[]): ReviewState {
  if (!state.draft || state.phase !== 'review') return state;
  const flagged = new Set(
    results.filter((r) => r.allowlisted === true || r.falsePositive === true).map((r) => r.value),
  );
  if (flagged.size === 0) return state;
  const selected = new Set(state.selected);
  const unchecked = new Set(state.uncheckedByVerdict);
  for (const ioc of state.draft.iocs) {
    const key = iocKey(ioc);
    if (!flagged.has(ioc.value) || state.touched.has(key) || !selected.has(key)) continue;
    selected.delete(key);
    unchecked.add(key);
  }
  return { ...state, selected, uncheckedByVerdict: unchecked };
}

function fromItem(state: ReviewState, item: HistoryItem): ReviewState {
  switch (item.state) {
    case 'created':
      return { ...state, item, phase: 'done', error: null };
    case 'failed':
      return {
        ...state,
        item,
        phase: 'error',
        error: {
          message: item.error?.message ?? 'Respond refused the incident.',
          retrying: false,
          canRetry: false,
        },
      };
    default:
      // Queued or sending. A queued item with an error failed an attempt and waits to retry.
      if (item.error) {
        return {
          ...state,
          item,
          phase: 'error',
          error: { message: item.error.message, retrying: true, canRetry: false },
        };
      }
      return { ...state, item, phase: 'creating', error: null };
  }
}

export function canSubmit(state: ReviewState): boolean {
  return editable(state) && state.draft !== null && state.title.trim().length > 0 && !state.blocked;
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case 'progress':
      return state.phase === 'loading' ? { ...state, loadingText: action.text } : state;
    case 'loaded': {
      if (state.phase !== 'loading') return state;
      const { draft } = action;
      return {
        ...state,
        phase: 'review',
        draft,
        requestId: action.requestId,
        title: draft.title.slice(0, TITLE_LIMIT),
        description: draft.description,
        selected: new Set(mappedKeys(draft)),
        // Pending from the first frame the IOCs show, not from the effect that starts the lookups
        // a moment later: until the verdicts are in, the default selection may still change.
        enrichment:
          draft.canEnrich && draft.iocs.length > 0
            ? { status: 'pending', byValue: {}, total: 0 }
            : state.enrichment,
      };
    }
    case 'loadFailed':
      if (state.phase !== 'loading') return state;
      return {
        ...state,
        phase: 'error',
        error: { message: action.message, retrying: false, canRetry: false },
      };
    case 'edit':
      if (!editable(state)) return state;
      return action.field === 'title'
        ? { ...state, title: action.value.slice(0, TITLE_LIMIT) }
        : { ...state, description: action.value };
    case 'toggle': {
      if (!editable(state) || !state.draft) return state;
      const ioc = state.draft.iocs.find((i) => iocKey(i) === action.key);
      if (!ioc || !isMapped(state.draft, ioc.type)) return state;
      const selected = new Set(state.selected);
      if (selected.has(action.key)) selected.delete(action.key);
      else selected.add(action.key);
      const uncheckedByVerdict = new Set(state.uncheckedByVerdict);
      uncheckedByVerdict.delete(action.key);
      return {
        ...state,
        selected,
        touched: new Set(state.touched).add(action.key),
        uncheckedByVerdict,
      };
    }
    case 'selectGroup':
    case 'selectAll': {
      if (!editable(state) || !state.draft) return state;
      const keys = mappedKeys(
        state.draft,
        action.type === 'selectGroup' ? action.iocType : undefined,
      );
      const selected = new Set(state.selected);
      const touched = new Set(state.touched);
      for (const key of keys) {
        if (action.checked) selected.add(key);
        else selected.delete(key);
        touched.add(key);
      }
      return { ...state, selected, touched };
    }
    case 'blocked':
      return { ...state, blocked: action.message };
    case 'recheckFlagged': {
      if (!editable(state)) return state;
      const selected = new Set(state.selected);
      const touched = new Set(state.touched);
      for (const key of state.uncheckedByVerdict) {
        selected.add(key);
        touched.add(key);
      }
      return { ...state, selected, touched, uncheckedByVerdict: new Set() };
    }
    case 'enrichStarted':
      return { ...state, enrichment: { status: 'pending', byValue: {}, total: action.total } };
    case 'enriched': {
      const byValue = { ...state.enrichment.byValue };
      for (const result of action.results) byValue[result.value] = result;
      const next = { ...state, enrichment: { ...state.enrichment, byValue } };
      return state.draft?.uncheckFlagged === true ? uncheckFlagged(next, action.results) : next;
    }
    case 'enrichDone':
      return state.enrichment.status === 'pending'
        ? { ...state, enrichment: { ...state.enrichment, status: 'done' } }
        : state;
    case 'enrichFailed':
      return {
        ...state,
        enrichment: { ...state.enrichment, status: 'failed', error: action.message },
      };
    case 'duplicates':
      return { ...state, duplicates: action.matches };
    case 'submit':
      if (!canSubmit(state)) return state;
      return { ...state, phase: 'creating', error: null };
    case 'createAnswered':
      if (state.phase !== 'creating') return state;
      return fromItem(state, action.item);
    case 'createFailed':
      if (state.phase !== 'creating') return state;
      return {
        ...state,
        phase: 'error',
        error: { message: action.message, retrying: false, canRetry: true },
      };
    case 'itemUpdated': {
      // Only the incident this dialog created, and only forward (a late push cannot undo
      // "done"). It may overtake the create's own answer: the worker pushes as soon as the
      // outbox moves, and the request ID already names it.
      const ours = state.item
        ? action.item.id === state.item.id
        : state.phase === 'creating' && action.item.id === state.requestId;
      if (!ours || state.phase === 'done') return state;
      return fromItem(state, action.item);
    }
  }
}

/** Which of the seven dialog states to draw. */
export function screenOf(state: ReviewState): Screen {
  if (state.phase !== 'review') return state.phase;
  if (duplicatesOfDraft(state).length > 0) return 'duplicate';
  if (state.enrichment.status === 'done' && Object.keys(state.enrichment.byValue).length > 0) {
    return 'enriched';
  }
  return 'review';
}

/**
 * Matches about values in this draft, each naming earlier incidents only: the one this dialog
 * creates (same requestId) is not a duplicate of itself.
 */
export function duplicatesOfDraft(state: ReviewState): DuplicateMatch[] {
  if (!state.draft) return [];
  const values = new Set(state.draft.iocs.map((i) => i.value.toLowerCase()));
  return state.duplicates
    .filter((m) => values.has(m.key.toLowerCase()))
    .map((m) => ({ ...m, incidents: m.incidents.filter((i) => i.id !== state.requestId) }))
    .filter((m) => m.incidents.length > 0);
}

/** Checked and mapped IOCs, in draft order: exactly what the incident will connect. */
export function selectedIocs(state: ReviewState): IocRef[] {
  if (!state.draft) return [];
  const draft = state.draft;
  return draft.iocs
    .filter((ioc) => state.selected.has(iocKey(ioc)) && isMapped(draft, ioc.type))
    .map((ioc) => ({ type: ioc.type, value: ioc.value }));
}

export interface IocGroup {
  type: ExtractableIocType;
  ctixType: string;
  respondField: string | null;
  iocs: ReviewDraft['iocs'];
  selectedCount: number;
}

/** IOCs by type, in the extractor's type order, each with its mapping and counts. */
export function groupsOf(state: ReviewState): IocGroup[] {
  if (!state.draft) return [];
  const draft = state.draft;
  return EXTRACTABLE_IOC_TYPES.flatMap((type) => {
    const iocs = draft.iocs.filter((i) => i.type === type);
    if (iocs.length === 0) return [];
    const mapping = draft.mapping[type];
    return [
      {
        type,
        ctixType: mapping?.ctixType ?? type,
        respondField: mapping?.respondField ?? null,
        iocs,
        selectedCount: iocs.filter((i) => state.selected.has(iocKey(i))).length,
      },
    ];
  });
}

/** The request Create sends; null until there is a draft and a request id. */
export function buildRequest(state: ReviewState): IncidentRequest | null {
  if (!state.draft || !state.requestId) return null;
  return {
    requestId: state.requestId,
    title: state.title.trim(),
    description: state.description,
    iocs: selectedIocs(state),
    ctixObjects: state.draft.ctixObjects,
    source: state.draft.source,
  };
}

/** Still waiting for the outbox: the dialog keeps asking for the item until it settles. */
export function isTracking(state: ReviewState): boolean {
  return (
    state.item !== null &&
    (state.phase === 'creating' || (state.phase === 'error' && state.error?.retrying === true))
  );
}
