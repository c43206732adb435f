/**
 * A set of half-open intervals over view offsets, used for "claims" (text that one scanner
 * owns, e.g. a URL's host, which other scanners must not report again) and for URL path
 * regions. Intervals are added in any order and merged by seal(); queries are binary searches
 * over the sealed intervals only, so a pass never sees its own additions.
 */

export class IntervalSet {
  private starts: number[] = [];
  private ends: number[] = [];
  private pendingStarts: number[] = [];
  private pendingEnds: number[] = [];

  add(start: number, end: number): void {
    if (end > start) {
      this.pendingStarts.push(start);
      this.pendingEnds.push(end);
    }
  }

  seal(): void {
    const ps = this.pendingStarts;
    const pe = this.pendingEnds;
    if (ps.length === 0) return;
    // Each pass adds its intervals left to right, so the pending list is normally sorted
    // already; sort an index only when it is not.
    let order: number[] | null = null;
    for (let i = 1; i < ps.length; i++) {
      if ((ps[i] ?? 0) < (ps[i - 1] ?? 0)) {
        order = ps.map((_, k) => k).toSorted((a, b) => (ps[a] ?? 0) - (ps[b] ?? 0));
        break;
      }
    }
    // Merge the sealed list and the (sorted) pending list, joining overlaps.
    const starts: number[] = [];
    const ends: number[] = [];
    const push = (s: number, e: number): void => {
      const last = ends.length - 1;
      if (last >= 0 && s <= (ends[last] ?? 0)) {
        if (e > (ends[last] ?? 0)) ends[last] = e;
      } else {
        starts.push(s);
        ends.push(e);
      }
    };
    let i = 0;
    let j = 0;
    while (i < this.starts.length || j < ps.length) {
      const k = order === null ? j : (order[j] ?? 0);
      if (j >= ps.length || (i < this.starts.length && (this.starts[i] ?? 0) <= (ps[k] ?? 0))) {
        push(this.starts[i] ?? 0, this.ends[i] ?? 0);
        i++;
      } else {
        push(ps[k] ?? 0, pe[k] ?? 0);
        j++;
      }
    }
    this.starts = starts;
    this.ends = ends;
    this.pendingStarts = [];
    this.pendingEnds = [];
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
