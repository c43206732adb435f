/**
 * Maps positions in the refanged "view" of a text back to the original text. The view differs
 * from the original only inside replaced segments (a defang token such as `[.]` -> `.`, or a
 * full-width character -> ASCII); between segments the offset is constant. Storing only the
 * segments keeps memory proportional to the number of replacements, not to the text size.
 */

export class OffsetMapBuilder {
  readonly viewStart: number[] = [];
  readonly viewLen: number[] = [];
  readonly origStart: number[] = [];
  readonly origLen: number[] = [];
  readonly defangStart: number[] = [];
  readonly defangEnd: number[] = [];
  /** Whether some replacement is longer than one character in the view (e.g. `[://]`). */
  multi = false;

  add(
    viewStart: number,
    viewLen: number,
    origStart: number,
    origLen: number,
    defang: boolean,
  ): void {
    this.viewStart.push(viewStart);
    this.viewLen.push(viewLen);
    this.origStart.push(origStart);
    this.origLen.push(origLen);
    if (viewLen > 1) this.multi = true;
    if (defang) {
      this.defangStart.push(viewStart);
      this.defangEnd.push(viewStart + viewLen);
    }
  }

  build(): OffsetMap {
    return new OffsetMap(this);
  }
}

/** Index of the last element of a sorted array that is <= x, or -1. */
function lastAtMost(arr: readonly number[], x: number, hint: number): number {
  // Queries mostly move forward through the text: try the previous answer and its successor.
  const h = arr[hint];
  if (h !== undefined && h <= x) {
    const next = arr[hint + 1];
    if (next === undefined || next > x) return hint;
    const after = arr[hint + 2];
    if (after === undefined || after > x) return hint + 1;
  }
  let lo = 0;
  let hi = arr.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((arr[mid] ?? 0) <= x) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

export class OffsetMap {
  private readonly vs: readonly number[];
  private readonly vl: readonly number[];
  private readonly os: readonly number[];
  private readonly ol: readonly number[];
  private readonly ds: readonly number[];
  private readonly de: readonly number[];
  private readonly multi: boolean;
  private hint = 0;
  private defHint = 0;

  private find(v: number): number {
    const k = lastAtMost(this.vs, v, this.hint);
    if (k >= 0) this.hint = k;
    return k;
  }

  constructor(b: OffsetMapBuilder) {
    this.multi = b.multi;
    this.vs = b.viewStart;
    this.vl = b.viewLen;
    this.os = b.origStart;
    this.ol = b.origLen;
    this.ds = b.defangStart;
    this.de = b.defangEnd;
  }

  /** Number of replaced segments (0 means view === original). */
  get segments(): number {
    return this.vs.length;
  }

  /** Original offset of the first character of a span starting at view offset `v`. */
  toOriginalStart(v: number): number {
    if (this.vs.length === 0) return v;
    const k = this.find(v);
    if (k < 0) return v;
    const vs = this.vs[k] ?? 0;
    const vl = this.vl[k] ?? 0;
    const os = this.os[k] ?? 0;
    if (v < vs + vl) return os;
    return os + (this.ol[k] ?? 0) + (v - vs - vl);
  }

  /** Original (exclusive) end of a span ending at view offset `vEnd` (exclusive). */
  toOriginalEnd(vEnd: number): number {
    if (vEnd <= 0 || this.vs.length === 0) return vEnd;
    const k = this.find(vEnd - 1);
    if (k < 0) return vEnd;
    const vs = this.vs[k] ?? 0;
    const vl = this.vl[k] ?? 0;
    const end = (this.os[k] ?? 0) + (this.ol[k] ?? 0);
    if (vEnd - 1 < vs + vl) return end;
    return end + (vEnd - vs - vl);
  }

  /**
   * Original [start, end) of the view span [vStart, vEnd), or null when a boundary falls
   * strictly inside a multi-character replacement (see cutsSegment). One call per IOC
   * occurrence, so it does the two lookups once.
   */
  mapSpan(vStart: number, vEnd: number): { start: number; end: number } | null {
    if (this.vs.length === 0) return { start: vStart, end: vEnd };
    const ks = this.find(vStart);
    let start = vStart;
    if (ks >= 0) {
      const vs = this.vs[ks] ?? 0;
      const vl = this.vl[ks] ?? 0;
      const os = this.os[ks] ?? 0;
      if (vStart < vs + vl) {
        if (vStart > vs) return null;
        start = os;
      } else {
        start = os + (this.ol[ks] ?? 0) + (vStart - vs - vl);
      }
    }
    let end = vEnd;
    if (vEnd > 0) {
      const ke = this.find(vEnd - 1);
      if (ke >= 0) {
        const vs = this.vs[ke] ?? 0;
        const vl = this.vl[ke] ?? 0;
        const oe = (this.os[ke] ?? 0) + (this.ol[ke] ?? 0);
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
    const k = lastAtMost(this.ds, b - 1, this.defHint);
    if (k >= 0) this.defHint = k;
    return k >= 0 && (this.de[k] ?? 0) > a;
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
    const vs = this.vs[k] ?? 0;
    return v > vs && v < vs + (this.vl[k] ?? 0);
  }
}
