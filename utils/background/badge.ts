import type { ConnectionStatus, Status } from '../model/views';

/**
 * The toolbar badge names the most urgent problem, and its tooltip lists every one, each with
 * what to do (issue 16): an expired key first (nothing can be created until it is replaced),
 * then failed incidents (they need a person), a key about to expire, then what is still queued.
 */
export interface Badge {
  text: string;
  color: string;
  title: string;
}

const RED = '#c5221f';
const BLUE = '#1a73e8';
const AMBER = '#e37400';
const NAME = 'CFTR Incident Bridge';
const PRODUCT = { ctix: 'Intel Exchange', cftr: 'Respond' } as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function expiryLine(product: keyof typeof PRODUCT, c: ConnectionStatus): string | null {
  const on = c.expiresOn ? ` on ${c.expiresOn}` : '';
  if (c.expiry === 'expired') {
    return `The ${PRODUCT[product]} API key expired${on}: replace it in the options.`;
  }
  if (c.expiry === 'soon') {
    const days = c.daysLeft ?? 0;
    const when = days <= 0 ? 'today' : `in ${plural(days, 'day')}`;
    return `The ${PRODUCT[product]} API key expires ${when}${on}: get a new one before then.`;
  }
  return null;
}

export function badgeFor(status: Status): Badge {
  const expired = (['cftr', 'ctix'] as const).filter((p) => status[p].expiry === 'expired');
  const soon = (['cftr', 'ctix'] as const).filter((p) => status[p].expiry === 'soon');
  const lines = [
    ...expired.map((p) => expiryLine(p, status[p])),
    status.failed > 0
      ? `${plural(status.failed, 'incident')} failed: open the popup to see why and retry.`
      : null,
    ...soon.map((p) => expiryLine(p, status[p])),
    status.queued > 0 ? `${plural(status.queued, 'incident')} waiting to be sent.` : null,
  ].filter((l): l is string => l !== null);
  const title = lines.length > 0 ? `${NAME}\n${lines.join('\n')}` : NAME;
  if (expired.length > 0) return { text: 'EXP', color: RED, title };
  if (status.failed > 0) return { text: String(status.failed), color: RED, title };
  if (soon.length > 0) return { text: '!', color: AMBER, title };
  if (status.queued > 0) return { text: String(status.queued), color: BLUE, title };
  return { text: '', color: BLUE, title };
}

export interface ActionLike {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle?(details: { title: string }): Promise<void>;
}

export async function applyBadge(action: ActionLike | undefined, badge: Badge): Promise<void> {
  if (!action) return;
  await action.setBadgeText({ text: badge.text });
  await action.setBadgeBackgroundColor({ color: badge.color });
  await action.setTitle?.({ title: badge.title });
}
