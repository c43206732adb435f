import { LOCKED_TEXT } from '../messaging/lock-contract';
import type { Badge } from './badge';

/**
 * While the passphrase lock is closed the badge says LOCK (over any count: nothing goes out
 * until it is opened) and the toolbar tooltip says "Locked — unlock to send".
 */
export function lockedBadge(badge: Badge, locked: boolean): Badge {
  // Text, not an emoji: the badge font may have no glyph for one.
  return locked ? { text: 'LOCK', color: '#5f6368' } : badge;
}

export interface TitleLike {
  setTitle?(details: { title: string }): Promise<void>;
}

export async function applyLockTitle(
  action: TitleLike | undefined,
  locked: boolean,
  queued: number,
): Promise<void> {
  if (!action?.setTitle) return;
  const waiting = queued > 0 ? ` (${queued} waiting)` : '';
  await action.setTitle({ title: locked ? `${LOCKED_TEXT}${waiting}` : 'CFTR Incident Bridge' });
}
