import type { Status } from '../model/views';

export interface Badge {
  text: string;
  color: string;
}

const RED = '#c5221f';
const BLUE = '#1a73e8';
const AMBER = '#e37400';

/** Failed items first (they need a person), then what is still queued, then expiring keys. */
export function badgeFor(status: Status): Badge {
  if (status.failed > 0) return { text: String(status.failed), color: RED };
  if (status.queued > 0) return { text: String(status.queued), color: BLUE };
  const expiring = [status.ctix, status.cftr].some(
    (c) => c.expiry === 'expired' || c.expiry === 'soon',
  );
  return expiring ? { text: '!', color: AMBER } : { text: '', color: BLUE };
}

export interface ActionLike {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

export async function applyBadge(action: ActionLike | undefined, badge: Badge): Promise<void> {
  if (!action) return;
  await action.setBadgeText({ text: badge.text });
  await action.setBadgeBackgroundColor({ color: badge.color });
}
