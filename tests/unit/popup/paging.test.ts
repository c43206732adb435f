import { describe, expect, it } from 'vitest';
import { appendPage, hasMore, refreshRanges } from '../../../utils/popup/paging';
import { nextRowIndex } from '../../../utils/popup/row-keys';
import { historyItem } from './fixtures';

describe('refreshRanges', () => {
  it('re-reads at least one page', () => {
    expect(refreshRanges(0)).toEqual([{ offset: 0, limit: 50 }]);
    expect(refreshRanges(12)).toEqual([{ offset: 0, limit: 50 }]);
  });

  it('re-reads everything already shown, in requests the contract accepts', () => {
    expect(refreshRanges(150)).toEqual([{ offset: 0, limit: 150 }]);
    expect(refreshRanges(1_150)).toEqual([
      { offset: 0, limit: 500 },
      { offset: 500, limit: 500 },
      { offset: 1000, limit: 150 },
    ]);
  });
});

describe('appendPage', () => {
  it('drops rows repeated because a new incident shifted the offsets', () => {
    const [a, b, c] = [historyItem(), historyItem(), historyItem()];
    if (!a || !b || !c) throw new Error('fixtures');
    expect(appendPage([a, b], [b, c]).map((i) => i.id)).toEqual([a.id, b.id, c.id]);
  });

  it('knows when more rows exist', () => {
    expect(hasMore(50, 120)).toBe(true);
    expect(hasMore(120, 120)).toBe(false);
  });
});

describe('nextRowIndex', () => {
  it.each([
    ['ArrowDown', 0, 1],
    ['ArrowDown', 4, 4],
    ['ArrowDown', -1, 0],
    ['ArrowUp', 3, 2],
    ['ArrowUp', 0, 0],
    ['Home', 3, 0],
    ['End', 0, 4],
  ])('%s from %i goes to %i of 5', (key, from, to) => {
    expect(nextRowIndex(key, from, 5)).toBe(to);
  });

  it('leaves other keys and empty lists alone', () => {
    expect(nextRowIndex('Enter', 1, 5)).toBeNull();
    expect(nextRowIndex('Tab', 1, 5)).toBeNull();
    expect(nextRowIndex('ArrowDown', -1, 0)).toBeNull();
  });
});
