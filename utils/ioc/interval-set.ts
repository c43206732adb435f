/**
 * A set of half-open intervals over view offsets, used for "claims" (text that one scanner
 * owns, e.g. a URL's host, which other scanners must not report again) and for URL path
 * regions. Intervals are added in any order and merged by seal(); queries are binary searches
 * over the sealed intervals only, so a pass never sees its own additions.
 */

export class IntervalSet {
  private starts: number[] = [];
  private ends: number[] = [];
  private pending: Array<[number, number]> = [];

  add(start: number, end: number): void {
    if (end > start) this.pending.push([start, end]);
  }

  seal(): void {
    if (this.pending.length === 0) return;
    const all: Array<[number, number]> = this.pending;
    for (let i = 0; i < this.starts.length; i++) all.push([this.starts[i] ?? 0, this.ends[i] ?? 0]);
    all.sort((a, b) => a[0] - b[0]);
    const starts: number[] = [];
    const ends: number[] = [];
    for (const [s, e] of all) {
      const last = ends.length - 1;
      if (last >= 0 && s <= (ends[last] ?? 0)) {
        if (e > (ends[last] ?? 0)) ends[last] = e;
      } else {
        starts.push(s);
        ends.push(e);
      }
    }
    this.starts = starts;
    this.ends = ends;
    this.pending = [];
  }

  /** Index of the sealed interval containing `pos`, or -1. */
  find(pos: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] ?? 0) <= pos) {
        k = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return k >= 0 && pos < (this.ends[k] ?? 0) ? k : -1;
  }

  contains(pos: number): boolean {
    return this.find(pos) >= 0;
  }

  /** True when [start, end) intersects a sealed interval. */
  overlaps(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.starts.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] ?? 0) < end) {
        k = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return k >= 0 && (this.ends[k] ?? 0) > start;
  }

  startOf(k: number): number {
    return this.starts[k] ?? 0;
  }
}
