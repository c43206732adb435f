import type { Status } from '../../utils/model/views';
import { statusView } from '../../utils/popup/status-view';

/** Connections, their last test, expiry warnings and the outbox counts, in a few short lines. */
export function StatusLine(props: { status: Status; now: number; onOpenSettings: () => void }) {
  const view = statusView(props.status, props.now);
  return (
    <section className="status" aria-label="Connection status">
      <ul className="status-connections">
        {view.connections.map((c) => (
          <li key={c.product} className={`status-line tone--${c.tone}`}>
            <span className="dot" aria-hidden="true" />
            <span className="status-name">{c.name}</span>
            <span className="status-text">{c.text}</span>
          </li>
        ))}
      </ul>
      {view.warnings.map((w) => (
        <p key={w.text} className={`status-warning tone--${w.tone}`}>
          {w.text}
        </p>
      ))}
      {view.outboxText ? (
        <p className={`status-outbox tone--${view.outboxTone}`}>{view.outboxText}</p>
      ) : null}
      {view.needsSetup ? (
        <p className="status-setup">
          Nothing can be sent until Respond is set up.{' '}
          <button type="button" className="link-button" onClick={props.onOpenSettings}>
            Open settings
          </button>
        </p>
      ) : null}
    </section>
  );
}
