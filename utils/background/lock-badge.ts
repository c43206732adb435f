import { LOCKED_TEXT } from '../messaging/lock-contract';
import type { Badge } from './badge';

/**
 * While the passphrase lock is closed the badge says LOCK (over any count: nothing goes out
 * until it is opened) and the tooltip starts with "Locked — unlock to send", followed by the
 * other problems badgeFor found.
 */
export function lockedBadge(badge: Badge, locked: boolean, queued: number): Badge {
  if (!locked) return badge;
  const waiting = queued > 0 ? ` (${queued} waiting)` : '';
  const [name, ...rest] = badge.title.split('\n');
  // Text, not an emoji: the badge font may have no glyph for one.
  return {
    text: 'LOCK',
    color: '#5f6368',
    title: [
      name,
      `${LOCKED_TEXT}${waiting}`,
      ...rest.filter((l) => !/waiting to be sent/.test(l)),
    ].join('\n'),
  };
}
