import { useState } from 'react';
import { originPattern } from '../../utils/cyware/base-url';
import {
  hasHostAccess,
  requestHostAccess,
  type PermissionsLike,
} from '../../utils/options/host-access';
import {
  describeTestResult,
  missingAccessOutcome,
  type Outcome,
} from '../../utils/options/test-result';
import type { Product } from '../../utils/settings/schema';
import { useMessenger } from '../shared/messenger-context';

export function OutcomeView(props: { outcome: Outcome }) {
  const { outcome } = props;
  return (
    <div className={`outcome tone-${outcome.tone}`}>
      <p>
        <strong>{outcome.headline}.</strong> {outcome.message}
      </p>
      {outcome.detail !== undefined ? (
        <details>
          <summary>The server's answer</summary>
          <pre className="server-detail">{outcome.detail}</pre>
        </details>
      ) : null}
    </div>
  );
}

/**
 * "Test connection" for one product. It tests what is saved (the background only knows
 * that), so with unsaved changes in the card it saves first, from this same click.
 */
export function ConnectionTest(props: {
  product: Product;
  /** The API base the test will use: the saved one, or the form's when it saves first. */
  base: string;
  dirty: boolean;
  permissions: PermissionsLike;
  save: () => Promise<boolean>;
  /** After each test: a passing Intel Exchange test makes its tenant's types worth reloading. */
  onTested?: (ok: boolean) => void;
}) {
  const request = useMessenger();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [grant, setGrant] = useState<string | null>(null);
  const resultId = `${props.product}-test-result`;

  async function runTest(base: string): Promise<void> {
    if (base !== '' && !(await hasHostAccess(props.permissions, base))) {
      const pattern = originPattern(base);
      setGrant(pattern);
      setOutcome(missingAccessOutcome(new URL(base).origin));
      return;
    }
    try {
      const result = await request('connection.test', { product: props.product });
      setOutcome(describeTestResult(result));
      props.onTested?.(result.ok);
    } catch (error) {
      setOutcome({
        tone: 'error',
        headline: 'Test failed',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  function onTest(): void {
    // Saving first must start inside this click (it asks for host access).
    const saved = props.dirty ? props.save() : Promise.resolve(true);
    setBusy(true);
    setOutcome(null);
    setGrant(null);
    void (async () => {
      try {
        if (!(await saved)) {
          setOutcome({
            tone: 'error',
            headline: 'Not tested',
            message: 'The settings were not saved; see the message at the bottom of the page.',
          });
          return;
        }
        await runTest(props.base);
      } finally {
        setBusy(false);
      }
    })();
  }

  function onGrant(pattern: string): void {
    const granted = requestHostAccess(props.permissions, [pattern]);
    void granted.then((ok) => {
      if (!ok) return;
      setGrant(null);
      setOutcome(null);
    });
  }

  return (
    <div className="connection-test">
      <div className="actions">
        <button
          type="button"
          id={`${props.product}-test`}
          onClick={onTest}
          disabled={busy}
          aria-describedby={resultId}
        >
          {busy ? 'Testing…' : props.dirty ? 'Save and test' : 'Test connection'}
        </button>
        {grant !== null ? (
          <button type="button" className="secondary" onClick={() => onGrant(grant)}>
            Grant access
          </button>
        ) : null}
      </div>
      <div id={resultId} role="status" aria-live="polite" className="test-result">
        {outcome ? <OutcomeView outcome={outcome} /> : null}
      </div>
    </div>
  );
}
