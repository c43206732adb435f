import { useCallback, useEffect, useReducer, useRef } from 'react';
import { MessageError, type Messenger } from '../../utils/messaging/client';
import type { DialogPush } from '../../utils/review/dialog-bridge';
import { enrichInBatches, valuesToEnrich } from '../../utils/review/enrich-queue';
import { newRequestId } from '../../utils/review/request-id';
import {
  buildRequest,
  canSubmit,
  initialReviewState,
  isMapped,
  isTracking,
  reviewReducer,
} from '../../utils/review/review-state';

/** How often the dialog asks for a draft that is still being prepared, and for how long. */
export const DRAFT_POLL_MS = 250;
export const DRAFT_WAIT_MS = 120_000;
/** How often it asks about an incident still in the outbox (the change signal also wakes it). */
export const ITEM_POLL_MS = 1500;

export interface UseReviewOptions {
  messenger: Messenger;
  /** The window host knows its review; the in-page dialog asks for its tab's. */
  reviewId?: string;
  /** Background pushes (progress, ready) for the in-page dialog. Returns an unsubscribe. */
  subscribe?: (listener: (message: DialogPush) => void) => () => void;
  /** Bumps when history/outbox change (useChangeSignal). */
  changeSignal: number;
  /** The host closes the dialog (removes the shadow root, closes the window). */
  onClose: () => void;
  /** How long to wait for a draft (tests shorten it). */
  draftWaitMs?: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

function words(error: unknown, fallback: string): string {
  if (error instanceof MessageError) return error.message;
  return fallback;
}

export function useReview(options: UseReviewOptions) {
  const { messenger, reviewId, subscribe, changeSignal, onClose } = options;
  const draftWaitMs = options.draftWaitMs ?? DRAFT_WAIT_MS;
  const [state, dispatch] = useReducer(reviewReducer, undefined, () => initialReviewState());
  const wake = useRef<() => void>(() => undefined);
  const sending = useRef(false);
  const closed = useRef(false);

  // Pushes from the background: progress text, and "ready" to ask for the draft at once.
  useEffect(
    () =>
      subscribe?.((message) => {
        if (message.type === 'progress') dispatch({ type: 'progress', text: message.text });
        if (message.type === 'ready') wake.current();
      }),
    [subscribe],
  );

  // Load: ask until the background has the draft (a big page takes a while), woken early by a
  // "ready" push. A failed ask (worker restarting) is simply asked again.
  useEffect(() => {
    const abort = new AbortController();
    void (async () => {
      const deadline = Date.now() + draftWaitMs;
      let lastError: unknown = null;
      while (!abort.signal.aborted && Date.now() < deadline) {
        try {
          const { draft } = await messenger(
            'review.get',
            reviewId === undefined ? {} : { reviewId },
          );
          if (abort.signal.aborted) return;
          if (draft) {
            dispatch({ type: 'loaded', draft, requestId: newRequestId() });
            return;
          }
        } catch (error) {
          lastError = error;
        }
        await new Promise<void>((resolve) => {
          wake.current = resolve;
          void sleep(DRAFT_POLL_MS, abort.signal).then(resolve);
        });
      }
      if (!abort.signal.aborted) {
        dispatch({
          type: 'loadFailed',
          message: words(
            lastError,
            'This review is no longer available. Start it again from the page’s context menu.',
          ),
        });
      }
    })();
    return () => abort.abort();
  }, [messenger, reviewId, draftWaitMs]);

  // Enrichment and duplicates: both start once the draft is there and never block the dialog.
  const draft = state.draft;
  useEffect(() => {
    if (!draft) return;
    const abort = new AbortController();
    void messenger('history.duplicates', {
      iocValues: draft.iocs.map((i) => i.value).slice(0, 5000),
      ctixObjectIds: draft.ctixObjects.map((o) => o.id),
    }).then(
      ({ matches }) => {
        if (!abort.signal.aborted) dispatch({ type: 'duplicates', matches });
      },
      () => undefined,
    );
    if (draft.canEnrich) {
      const values = valuesToEnrich(draft.iocs, (type) => isMapped(draft, type));
      if (values.length > 0) {
        dispatch({ type: 'enrichStarted', total: values.length });
        void enrichInBatches(values, {
          send: (batch) => messenger('review.enrich', { values: batch }),
          onResults: (results) => dispatch({ type: 'enriched', results }),
          signal: abort.signal,
        }).then((failure) => {
          if (abort.signal.aborted) return;
          dispatch(
            failure === null ? { type: 'enrichDone' } : { type: 'enrichFailed', message: failure },
          );
        });
      }
    }
    return () => abort.abort();
  }, [draft, messenger]);

  // After Create: follow the outbox item until it is created or has failed for good.
  const tracking = isTracking(state);
  const itemId = state.item?.id;
  useEffect(() => {
    if (!tracking || itemId === undefined) return;
    const abort = new AbortController();
    const check = () =>
      messenger('incident.get', { id: itemId }).then(
        ({ item }) => {
          if (item && !abort.signal.aborted) dispatch({ type: 'itemUpdated', item });
        },
        () => undefined,
      );
    void check();
    const timer = setInterval(() => void check(), ITEM_POLL_MS);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
    // changeSignal is a trigger, not an input: a history change means "ask again now".
    // oxlint-disable-next-line react/exhaustive-deps
  }, [tracking, itemId, messenger, changeSignal]);

  const submit = useCallback(() => {
    const current = state;
    // A second press while the first is on its way is ignored; after an answer, the same
    // requestId makes any further press the same incident.
    if (sending.current || !canSubmit(current)) return;
    const incident = buildRequest(current);
    if (!incident || !current.draft) return;
    sending.current = true;
    dispatch({ type: 'submit' });
    messenger('incident.create', { reviewId: current.draft.reviewId, incident })
      .then(
        (item) => dispatch({ type: 'createAnswered', item }),
        (error: unknown) =>
          dispatch({
            type: 'createFailed',
            message: words(error, 'The extension could not take the incident. Try again.'),
          }),
      )
      .finally(() => {
        sending.current = false;
      });
  }, [messenger, state]);

  const close = useCallback(() => {
    if (closed.current) return;
    closed.current = true;
    const id = state.draft?.reviewId ?? reviewId;
    // The review ends with the dialog; an incident still in the outbox is notified from now on.
    if (id !== undefined) void messenger('review.close', { reviewId: id }).catch(() => undefined);
    onClose();
  }, [messenger, onClose, reviewId, state.draft?.reviewId]);

  return { state, dispatch, submit, close };
}
