import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { NodeChoice } from '../../utils/model/node-choice';
import { MessageError, type Messenger } from '../../utils/messaging/client';
import type { ReviewEvent } from '../../utils/review/review-channel';
import { enrichInBatches, valuesToEnrich } from '../../utils/review/enrich-queue';
import { PICKER_CHOICE_MARK } from '../../utils/review/node-picker';
import { newRequestId } from '../../utils/review/request-id';
import {
  blockedBy,
  buildRequest,
  canSubmit,
  initialReviewState,
  isMapped,
  reviewReducer,
} from '../../utils/review/review-state';

/** How long the dialog waits for its draft (a big page takes a while to read and search). */
export const DRAFT_WAIT_MS = 120_000;

export interface UseReviewOptions {
  messenger: Messenger;
  reviewId: string;
  /**
   * The review's channel from the worker (progress, the draft, the incident's state); see
   * utils/review/review-channel.ts. Returns an unsubscribe.
   */
  subscribe: (listener: (event: ReviewEvent) => void) => () => void;
  /** The host closes the dialog (the worker removes the frame, or the window closes). */
  onClose: () => void;
  /** How long to wait for a draft (tests shorten it). */
  draftWaitMs?: number;
}

function words(error: unknown, fallback: string): string {
  if (error instanceof MessageError) return error.message;
  return fallback;
}

const GONE = 'This review is no longer available. Start it again from the page’s context menu.';

export function useReview(options: UseReviewOptions) {
  const { messenger, reviewId, subscribe, onClose } = options;
  const draftWaitMs = options.draftWaitMs ?? DRAFT_WAIT_MS;
  const [state, dispatch] = useReducer(reviewReducer, undefined, () => initialReviewState());
  const sending = useRef(false);
  const closed = useRef(false);
  // The node picker's stage (issue 12): the nodes to choose from, until the choice is sent.
  const [choice, setChoice] = useState<NodeChoice | null>(null);
  const [picking, setPicking] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const picked = useRef(false);
  const loaded = useRef(false);
  const waitTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Waiting for the draft: stopped while the analyst chooses nodes, started again after.
  const armWait = useCallback(() => {
    clearTimeout(waitTimer.current);
    waitTimer.current = setTimeout(() => {
      if (!loaded.current) dispatch({ type: 'loadFailed', message: GONE });
    }, draftWaitMs);
  }, [draftWaitMs]);

  // Everything the worker tells this review arrives here; nothing is polled.
  useEffect(() => {
    if (!loaded.current) armWait();
    const unsubscribe = subscribe((event) => {
      switch (event.type) {
        case 'progress':
          dispatch({ type: 'progress', text: event.text });
          return;
        case 'draft':
          // A reconnect sends the draft again: the first one stays, with the user's edits.
          if (loaded.current) return;
          loaded.current = true;
          clearTimeout(waitTimer.current);
          setChoice(null);
          dispatch({ type: 'loaded', draft: event.draft, requestId: newRequestId() });
          return;
        case 'choose':
          // A replay after the choice was sent (a re-render, a reconnect) changes nothing.
          if (loaded.current || picked.current) return;
          clearTimeout(waitTimer.current);
          performance.mark(PICKER_CHOICE_MARK);
          setChoice(event.choice);
          return;
        case 'item':
          dispatch({ type: 'itemUpdated', item: event.item });
          return;
        case 'ended':
          if (!loaded.current) {
            clearTimeout(waitTimer.current);
            setChoice(null);
            dispatch({ type: 'loadFailed', message: event.message });
          }
      }
    });
    return () => {
      clearTimeout(waitTimer.current);
      unsubscribe();
    };
  }, [subscribe, armWait]);

  const pick = useCallback(
    (nodes: string[]) => {
      if (picked.current) return;
      picked.current = true;
      setPicking({ busy: true, error: null });
      // Shown once the picker goes, until the worker's own progress arrives.
      dispatch({ type: 'progress', text: 'Reading the chosen nodes from Intel Exchange…' });
      messenger('review.pick', { reviewId, nodes }).then(
        ({ started, reason }) => {
          if (started) {
            // The worker resolves them; progress and the draft come over the channel.
            setChoice(null);
            setPicking({ busy: false, error: null });
            armWait();
            return;
          }
          picked.current = false;
          setPicking({ busy: false, error: reason ?? 'The chosen nodes could not be read.' });
        },
        (error: unknown) => {
          picked.current = false;
          setPicking({
            busy: false,
            error: words(error, 'The extension could not take the choice. Try again.'),
          });
        },
      );
    },
    [armWait, messenger, reviewId],
  );

  // Known before Create: an expired or missing Respond key cannot create anything.
  useEffect(() => {
    let live = true;
    void messenger('status.get', {}).then(
      (status) => {
        if (live) dispatch({ type: 'blocked', message: blockedBy(status) });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [messenger]);

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
    // The review ends with the dialog; an incident still in the outbox is notified from now on.
    void messenger('review.close', { reviewId }).catch(() => undefined);
    onClose();
  }, [messenger, onClose, reviewId]);

  return { state, dispatch, submit, close, choice, picking, pick };
}
