/**
 * Maps positions in the refanged "view" of a text back to the original text. The view differs
 * from the original only inside replaced segments (a defang token such as `[.]` -> `.`);
 * between segments the offset is constant. (Unicode folding is one code unit for one and needs
 * no segment.) Storing only the segments, four integers each in one growable Int32Array, keeps
 * memory proportional to the number of replacements and out of the garbage collector's way.
 */

const STRIDE = 4; // viewStart, viewLen, origStart, origLen

export class OffsetMapBuilder {
  data = new Int32Array(64 * STRIDE);
  count = 0;
  /** Whether some replacement is longer than one character in the view (e.g. `[://]`). */
  multi = false;

  add(viewStart: number, viewLen: number, origStart: number, origLen: number): void {
    const o = this.count * STRIDE;
    if (o + STRIDE > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    d[o] = viewStart;
    d[o + 1] = viewLen;
    d[o + 2] = origStart;
    d[o + 3] = origLen;
    this.count++;
    if (viewLen > 1) this.multi = true;
  }

  build(): OffsetMap {
    return new OffsetMap(this.data, this.count, this.multi);
  }
}

export class OffsetMap {
  private readonly d: Int32Array;
  private readonly n: number;
  private readonly multi: boolean;
  private hint = 0;

  constructor(data: Int32Array, count: number, multi: boolean) {
    this.d = data;
    this.n = count;
    this.multi = multi;
  }

  /** Number of replaced segments (0 means view === original). */
  get segments(): number {
    return this.n;
  }

  /**
   * Index of the last segment starting at or before view offset x, or -1. Queries mostly move
   * forward through the text, a little at a time, so the search gallops from the previous
   * answer (steps 1, 2, 4 …) and then bisects the bracket it found: O(log distance) instead
   * of a bisection of the whole table, whose probes miss the cache on a big table.
   */
  private find(x: number): number {
    const d = this.d;
    const n = this.n;
    if (n === 0 || d[0]! > x) return -1;
    let lo: number; // d[lo] <= x
    let hi: number; // d[hi] > x, or hi === n
    const h = this.hint < n ? this.hint : 0;
    if (d[h * STRIDE]! <= x) {
      lo = h;
      let step = 1;
      hi = h + 1;
      while (hi < n && d[hi * STRIDE]! <= x) {
        lo = hi;
        step *= 2;
        hi = lo + step;
      }
      if (hi > n) hi = n;
    } else {
      hi = h;
      let step = 1;
      lo = h - 1;
      while (lo > 0 && d[lo * STRIDE]! > x) {
        hi = lo;
        step *= 2;
        lo = hi - step;
      }
      if (lo < 0) lo = 0;
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (d[mid * STRIDE]! <= x) lo = mid;
      else hi = mid;
    }
    this.hint = lo;
    return lo;
  }

  /** Original offset of the first character of a span starting at view offset `v`. */
  toOriginalStart(v: number): number {
    const k = this.find(v);
    if (k < 0) return v;
    const o = k * STRIDE;
    const vs = this.d[o]!;
    const vl = this.d[o + 1]!;
    if (v < vs + vl) return this.d[o + 2]!;
    return this.d[o + 2]! + this.d[o + 3]! + (v - vs - vl);
  }

  /** Original (exclusive) end of a span ending at view offset `vEnd` (exclusive). */
  toOriginalEnd(vEnd: number): number {
    if (vEnd <= 0) return vEnd;
    const k = this.find(vEnd - 1);
    if (k < 0) return vEnd;
    const o = k * STRIDE;
    const vs = this.d[o]!;
    const vl = this.d[o + 1]!;
    const end = this.d[o + 2]! + this.d[o + 3]!;
    if (vEnd - 1 < vs + vl) return end;
    return end + (vEnd - vs - vl);
  }

  /**
   * Original [start, end) of the view span [vStart, vEnd), or null when a boundary falls
   * strictly inside a multi-character replacement (see cutsSegment). One call per IOC
   * occurrence.
   */
  mapSpan(vStart: number, vEnd: number): { start: number; end: number } | null {
    if (this.n === 0) return { start: vStart, end: vEnd };
    const d = this.d;
    let start = vStart;
    const ks = this.find(vStart);
    if (ks >= 0) {
      const o = ks * STRIDE;
      const vs = d[o]!;
      const vl = d[o + 1]!;
      if (vStart < vs + vl) {
        if (vStart > vs) return null; // starts inside a replacement
        start = d[o + 2]!;
      } else {
        start = d[o + 2]! + d[o + 3]! + (vStart - vs - vl);
      }
    }
    let end = vEnd;
    if (vEnd > 0) {
      const ke = this.find(vEnd - 1);
      if (ke >= 0) {
        const o = ke * STRIDE;
        const vs = d[o]!;
        const vl = d[o + 1]!;
        const oe = d[o + 2]! + d[o + 3]!;
        if (vEnd - 1 < vs + vl) {
          if (vEnd < vs + vl) return null; // ends inside a replacement
          end = oe;
        } else {
          end = oe + (vEnd - vs - vl);
        }
      }
    }
    return { start, end };
  }

  /** True when the view span [a, b) contains (part of) a refanged defang token. */
  hasDefang(a: number, b: number): boolean {
    const k = this.find(b - 1);
    if (k < 0) return false;
    const o = k * STRIDE;
    return this.d[o]! + this.d[o + 1]! > a;
  }

  /**
   * True when a boundary of [a, b) falls strictly inside a multi-character replacement
   * (e.g. inside the `://` that replaced `[://]`). Such a span cannot be mapped back to
   * original text that refangs to the same characters, so callers drop it.
   */
  cutsSegment(a: number, b: number): boolean {
    return this.multi && (this.inside(a) || this.inside(b));
  }

  private inside(v: number): boolean {
    const k = this.find(v);
    if (k < 0) return false;
    const vs = this.d[k * STRIDE]!;
    return v > vs && v < vs + this.d[k * STRIDE + 1]!;
  }
}
