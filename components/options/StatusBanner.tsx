import { useEffect, useState } from 'react';
import { relativeTime } from '../../utils/format/time';
import type { Status } from '../../utils/model/views';
import { outboxNote, PRODUCT_NAMES, summariseConnection } from '../../utils/options/status-text';
import { useMessenger } from '../shared/messenger-context';
import { useChangeSignal } from '../shared/use-change-signal';

/** Both connections and their key expiry, at the top; refreshed whenever the background says. */
export function StatusBanner(props: { now: () => number }) {
  const request = useMessenger();
  const revision = useChangeSignal();
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    request('status.get', {})
      .then((s) => {
        if (!live) return;
        setStatus(s);
        setError(null);
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
    // `revision` is the refetch trigger: the effect reads nothing from it, it just runs again.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [request, revision]);

  const outbox = status ? outboxNote(status) : null;
  return (
    <section className="status-banner" aria-labelledby="status-title" aria-live="polite">
      <h2 id="status-title" className="visually-hidden">
        Connection status
      </h2>
      {error !== null ? <p className="tone-error">Status unavailable: {error}</p> : null}
      {status === null && error === null ? <p className="hint">Loading the status…</p> : null}
      {status !== null ? (
        <ul className="status-items">
          {(['ctix', 'cftr'] as const).map((product) => {
            const summary = summariseConnection(status[product], (at) =>
              relativeTime(at, props.now()),
            );
            return (
              <li
                key={product}
                className={`status-item tone-${summary.tone}`}
                id={`status-${product}`}
              >
                {/* Hidden punctuation: read aloud as "Respond: Connected. Last test…". */}
                <span className="status-name">
                  {PRODUCT_NAMES[product]}
                  <span className="visually-hidden">: </span>
                </span>
                <span className={`status-state tone-${summary.stateTone}`}>
                  {summary.state}
                  <span className="visually-hidden">. </span>
                </span>
                {summary.notes.map((note) => (
                  <span key={note} className="status-note">
                    {note}
                  </span>
                ))}
              </li>
            );
          })}
        </ul>
      ) : null}
      {outbox !== null ? <p className="hint">{outbox}</p> : null}
    </section>
  );
}
