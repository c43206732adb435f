import type { ConnectionStatus, Status } from '../model/views';
import { relativeTime } from '../format/time';
import type { Tone } from './row-view';

export interface ConnectionLine {
  product: 'cftr' | 'ctix';
  name: string;
  /** e.g. "OK, 120 ms, tested 5 min ago" or "not set up". */
  text: string;
  tone: Tone;
}

export interface StatusView {
  /** Respond is what every flow sends to: without it nothing can be created. */
  needsSetup: boolean;
  connections: ConnectionLine[];
  /** Credential expiry warnings, one sentence each. */
  warnings: { text: string; tone: Tone }[];
  /** "2 queued, 1 failed", or null when the outbox is empty. */
  outboxText: string | null;
  outboxTone: Tone;
}

const NAMES = { cftr: 'Respond', ctix: 'Intel Exchange' } as const;

function connectionLine(
  product: 'cftr' | 'ctix',
  c: ConnectionStatus,
  now: number,
): ConnectionLine {
  const name = NAMES[product];
  if (!c.configured) {
    return {
      product,
      name,
      // Intel Exchange only adds enrichment and the overlay; Respond is required.
      text: product === 'cftr' ? 'not set up' : 'not set up (optional)',
      tone: product === 'cftr' ? 'warn' : 'muted',
    };
  }
  const test = c.lastTest;
  if (!test) return { product, name, text: 'set up, not tested yet', tone: 'muted' };
  const when = relativeTime(test.at, now);
  if (test.ok) {
    const latency = test.latencyMs === undefined ? '' : `, ${Math.round(test.latencyMs)} ms`;
    return { product, name, text: `OK${latency}, tested ${when}`, tone: 'ok' };
  }
  const why = test.error?.message ?? 'the connection test failed';
  return { product, name, text: `test failed ${when}: ${why}`, tone: 'danger' };
}

function expiryWarning(
  product: 'cftr' | 'ctix',
  c: ConnectionStatus,
): { text: string; tone: Tone } | null {
  const name = NAMES[product];
  const on = c.expiresOn ?? '';
  if (c.expiry === 'expired') {
    return {
      text: `${name} credentials expired on ${on}. Replace them in the settings.`,
      tone: 'danger',
    };
  }
  if (c.expiry === 'soon') {
    const days = c.daysLeft ?? 0;
    const when = days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
    return { text: `${name} credentials expire ${when} (${on}).`, tone: 'warn' };
  }
  return null;
}

function outboxText(queued: number, failed: number): string | null {
  const parts: string[] = [];
  if (queued > 0) parts.push(`${queued} queued`);
  if (failed > 0) parts.push(`${failed} failed`);
  return parts.length > 0 ? parts.join(', ') : null;
}

export function statusView(status: Status, now: number): StatusView {
  const products = ['cftr', 'ctix'] as const;
  return {
    needsSetup: !status.cftr.configured,
    connections: products.map((p) => connectionLine(p, status[p], now)),
    warnings: products
      .map((p) => expiryWarning(p, status[p]))
      .filter((w): w is { text: string; tone: Tone } => w !== null),
    outboxText: outboxText(status.queued, status.failed),
    outboxTone: status.failed > 0 ? 'danger' : 'info',
  };
}
