import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../utils/overlay/content/host';

describe('counts on the overlay (no Intl: its first call costs the tenant page ~30 ms)', () => {
  it('groups thousands like en-US', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 500_000, 1_234_567, 10_000_000]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('drops fractions', () => {
    expect(formatCount(1234.9)).toBe('1,234');
  });
});
