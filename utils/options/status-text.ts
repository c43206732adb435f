import type { ConnectionStatus, Status } from '../model/views';
import type { Product } from '../settings/schema';
import { describeError, formatLatency, type Tone } from './test-result';

export const PRODUCT_NAMES: Record<Product, string> = {
  ctix: 'Intel Exchange',
  cftr: 'Respond',
};

export interface ConnectionSummary {
  /** Overall: the worse of the connection state and the key expiry. */
  tone: Tone | 'muted';
  /** e.g. "Connected", "Not configured", "Wrong credentials". */
  state: string;
  /** Of the state alone: a key about to expire still connects. */
  stateTone: Tone | 'muted';
  /** Further sentences (last test, expiry), each shown on its own. */
  notes: string[];
}

function expiryNote(status: ConnectionStatus): { tone: Tone; text: string } | null {
  const on = status.expiresOn ?? '';
  const days = status.daysLeft ?? 0;
  switch (status.expiry) {
    case 'expired':
      return { tone: 'error', text: `The API key expired on ${on}. Create a new key and save it.` };
    case 'soon':
      return {
        tone: 'warn',
        text:
          days === 0
            ? `The API key expires today (${on}).`
            : `The API key expires in ${days} day${days === 1 ? '' : 's'} (${on}).`,
      };
    case 'ok':
      return null;
    case 'none':
      return null;
  }
}

const RANK: Record<ConnectionSummary['tone'], number> = { muted: 0, ok: 1, warn: 2, error: 3 };
const worse = (a: ConnectionSummary['tone'], b: ConnectionSummary['tone']) =>
  RANK[b] > RANK[a] ? b : a;

export function summariseConnection(
  status: ConnectionStatus,
  formatTime: (at: number) => string,
): ConnectionSummary {
  if (!status.configured) {
    const expiry = expiryNote(status);
    return {
      tone: expiry?.tone ?? 'muted',
      state: 'Not configured',
      stateTone: 'muted',
      notes: [
        'Enter the URL, access ID and secret key below, then save.',
        ...(expiry ? [expiry.text] : []),
      ],
    };
  }
  const notes: string[] = [];
  let tone: ConnectionSummary['tone'] = 'muted';
  let state = 'Configured, not tested yet';
  const test = status.lastTest;
  if (test?.ok) {
    tone = 'ok';
    state = 'Connected';
    notes.push(
      `Last test ${formatTime(test.at)}${test.latencyMs === undefined ? '' : `: OK in ${formatLatency(test.latencyMs)}`}.`,
    );
  } else if (test) {
    const outcome = test.error ? describeError(test.error) : null;
    tone = outcome?.tone ?? 'error';
    state = outcome?.headline ?? 'Last test failed';
    notes.push(`Last test ${formatTime(test.at)} failed.`);
  }
  const stateTone = tone;
  const expiry = expiryNote(status);
  if (expiry) {
    tone = worse(tone, expiry.tone);
    notes.push(expiry.text);
  }
  return { tone, state, stateTone, notes };
}

export function outboxNote(status: Pick<Status, 'queued' | 'failed'>): string | null {
  const parts: string[] = [];
  if (status.queued > 0)
    parts.push(`${status.queued} incident${status.queued === 1 ? '' : 's'} queued`);
  if (status.failed > 0) parts.push(`${status.failed} failed`);
  return parts.length === 0 ? null : `${parts.join(', ')}: see the popup.`;
}
