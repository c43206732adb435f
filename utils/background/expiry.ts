import type { ConnectionStatus } from '../model/views';

/** Credentials expiring within this many days are flagged (product.md §1). */
export const EXPIRY_WARNING_DAYS = 7;

function localDayNumber(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
}

/**
 * A key works through its expiry date (the API layer refuses it the day after), so on that
 * day daysLeft is 0 and the state is 'soon'; from the next day on it is 'expired'.
 */
export function expiryOf(
  expiresOn: string | null,
  now: number,
): Pick<ConnectionStatus, 'expiry' | 'daysLeft'> {
  if (!expiresOn) return { expiry: 'none' };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expiresOn);
  if (!match) return { expiry: 'none' };
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
  const daysLeft = Math.round(day - localDayNumber(now));
  if (daysLeft < 0) return { expiry: 'expired', daysLeft };
  if (daysLeft <= EXPIRY_WARNING_DAYS) return { expiry: 'soon', daysLeft };
  return { expiry: 'ok', daysLeft };
}
