interface Props {
  kind: 'setup' | 'empty' | 'no-match' | 'error';
  /** The search text (no-match) or the error in words (error). */
  text?: string;
  onOpenSettings: () => void;
  onRetry?: () => void;
}

/** What the popup shows instead of the list: first-run setup, no incidents yet, no match, or an error. */
export function EmptyState({ kind, text, onOpenSettings, onRetry }: Props) {
  switch (kind) {
    case 'setup':
      return (
        <div className="empty">
          <p className="empty-title">Connect to Cyware Respond</p>
          <p>
            Add the Respond API URL and credentials once. Then create incidents from any page or
            from Intel Exchange, and find them here.
          </p>
          <button type="button" className="button button--primary" onClick={onOpenSettings}>
            Open settings
          </button>
        </div>
      );
    case 'empty':
      return (
        <div className="empty">
          <p className="empty-title">No incidents yet</p>
          <p>
            Use “Create from this page”, the right-click menu on a selection or link, or the button
            on Intel Exchange pages. Incidents you create appear here.
          </p>
        </div>
      );
    case 'no-match':
      return (
        <div className="empty" role="status">
          <p className="empty-title">No incidents match “{text}”</p>
          <p>Search looks at titles, readable IDs, IOC values and source hosts.</p>
        </div>
      );
    case 'error':
      return (
        <div className="empty" role="alert">
          <p className="empty-title">The history could not be loaded</p>
          <p>{text}</p>
          {onRetry ? (
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          ) : null}
        </div>
      );
  }
}
