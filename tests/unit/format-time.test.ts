import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../utils/format/time';

describe('relativeTime', () => {
  const now = Date.UTC(2026, 10, 27, 12, 0, 0);
  it.each([
    [10_000, 'just now'],
    [5 * 60_000, '5 min ago'],
    [3 * 3_600_000, '3 h ago'],
    [26 * 3_600_000, 'yesterday'],
    [3 * 86_400_000, '3 days ago'],
    [30 * 86_400_000, '2026-10-28'],
  ])('%i ms ago reads %s', (ago, text) => {
    expect(relativeTime(now - ago, now)).toBe(text);
  });
});
