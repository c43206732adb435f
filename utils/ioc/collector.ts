/**
 * Collects hits from the scanners: applies the type/private/allowlist/exclusion filters,
 * maps view offsets back to the original text, and merges repeated values into one IOC with
 * several spans. Output order is the order of first appearance.
 */

import type { Ioc, IocSpan, IocType } from './types';
import type { OffsetMap } from './offset-map';
import { hostnameToAscii } from './hostname';
import { isHomograph } from './idn';
import { matchesAllowlist, isExcluded, type CompiledAllowlist, type Exclusions } from './allowlist';

export interface CollectorOptions {
  readonly enabled: ReadonlySet<IocType>;
  readonly includePrivateIps: boolean;
  readonly allowlist: CompiledAllowlist | null;
  readonly exclusions: Exclusions | null;
}

/** Allowlisted or excluded: remembered so that later occurrences are dropped at once. */
const DROPPED = -1;

export class Collector {
  /**
   * One map per enabled type: normalised value -> index of its IOC (DROPPED: allowlisted or
   * excluded). The IOCs themselves are built in finish(): until then a hit is three numbers in
   * one growing Int32Array, so the passes leave no objects behind for the garbage collector
   * to copy (tens of thousands of IOCs and their spans used to survive every scavenge).
   */
  private readonly byType = new Map<IocType, Map<string, number>>();
  private readonly types: IocType[] = [];
  private readonly values: string[] = [];
  private readonly privates: boolean[] = [];
  /** Hits in arrival order: (IOC index, original start, original end) each. */
  private hits = new Int32Array(3 * 1024);
  private hitCount = 0;
  private readonly text: string;
  private readonly map: OffsetMap;
  private readonly opts: CollectorOptions;

  constructor(text: string, map: OffsetMap, opts: CollectorOptions) {
    this.text = text;
    this.map = map;
    this.opts = opts;
    for (const t of opts.enabled) this.byType.set(t, new Map());
  }

  enabled(type: IocType): boolean {
    return this.opts.enabled.has(type);
  }

  /** True when `value` was reported as `type` (or would have been, but is allowlisted). */
  has(type: IocType, value: string): boolean {
    return this.byType.get(type)?.has(value) === true;
  }

  /**
   * Records one occurrence; [vStart, vEnd) are view offsets. `priv` (ipv4/ipv6/cidr): not
   * globally routable.
   */
  add(type: IocType, value: string, vStart: number, vEnd: number, priv = false): void {
    const values = this.byType.get(type);
    if (values === undefined) return; // type not enabled
    if (priv && !this.opts.includePrivateIps) return;
    let index = values.get(value);
    if (index === DROPPED) return;
    // An IOC must start and end on defang-token boundaries (see OffsetMap.cutsSegment).
    const span = this.map.mapSpan(vStart, vEnd);
    if (span === null) return;
    if (index === undefined) {
      const { allowlist, exclusions } = this.opts;
      if (
        (allowlist !== null && matchesAllowlist(allowlist, type, value)) ||
        (exclusions !== null && isExcluded(exclusions, type, value))
      ) {
        values.set(value, DROPPED);
        return;
      }
      index = this.types.length;
      this.types.push(type);
      this.values.push(value);
      this.privates.push(priv);
      values.set(value, index);
    }
    this.pushHit(index, span.start, span.end);
  }

  private pushHit(index: number, start: number, end: number): void {
    const o = this.hitCount * 3;
    if (o + 3 > this.hits.length) {
      const grown = new Int32Array(this.hits.length * 2);
      grown.set(this.hits);
      this.hits = grown;
    }
    this.hits[o] = index;
    this.hits[o + 1] = start;
    this.hits[o + 2] = end;
    this.hitCount++;
  }

  /** Every IOC's spans in arrival order, from the packed hits. */
  private spansByIoc(): IocSpan[][] {
    const spans: IocSpan[][] = Array.from({ length: this.types.length }, () => []);
    const h = this.hits;
    for (let k = 0, o = 0; k < this.hitCount; k++, o += 3) {
      spans[h[o]!]!.push({ start: h[o + 1]!, end: h[o + 2]! });
    }
    return spans;
  }

  finish(): Ioc[] {
    const spansOf = this.spansByIoc();
    const out: Ioc[] = [];
    // Grouped by type, then in order of first appearance within the type: the order the
    // stable sort below breaks ties in.
    for (const values of this.byType.values()) {
      for (const index of values.values()) {
        if (index === DROPPED) continue;
        const spans = orderedSpans(spansOf[index]!);
        const first = spans[0]!;
        const ioc: Ioc = {
          type: this.types[index]!,
          value: this.values[index]!,
          original: this.text.slice(first.start, first.end),
          spans,
        };
        if (this.privates[index]) ioc.private = true;
        out.push(ioc);
      }
    }
    const sorted = sortByFirstSpan(out);
    for (const ioc of sorted) {
      const host = hostOf(ioc);
      if (host !== null && isHomograph(host)) ioc.homograph = true;
    }
    return sorted;
  }
}

/**
 * Spans of one value in text order, each once. Passes run one after another, so spans of one
 * value may arrive out of order, and two passes may report the same occurrence (an
 * IPv4-mapped IPv6 and its IPv4).
 */
function orderedSpans(spans: IocSpan[]): IocSpan[] {
  let ordered = true;
  for (let i = 1; i < spans.length && ordered; i++) {
    const a = spans[i - 1]!;
    const b = spans[i]!;
    if (b.start < a.start || (b.start === a.start && b.end <= a.end)) ordered = false;
  }
  if (ordered) return spans;
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return spans.filter(
    (s, i, all) => i === 0 || s.start !== all[i - 1]?.start || s.end !== all[i - 1]?.end,
  );
}

/** ASCII host name of a domain, URL or e-mail IOC (null for other types or IP hosts). */
function hostOf(ioc: Ioc): string | null {
  const v = ioc.value;
  if (ioc.type === 'domain') return v;
  if (ioc.type === 'email') return v.includes('xn--') ? v.slice(v.lastIndexOf('@') + 1) : null;
  if (ioc.type !== 'url') return null;
  let start = v.indexOf('://') + 3;
  let end = start;
  for (; end < v.length; end++) {
    const c = v.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break;
  }
  const at = v.lastIndexOf('@', end);
  if (at >= start) start = at + 1;
  let host = v.slice(start, end);
  const colon = host.lastIndexOf(':');
  if (colon > 0 && !host.includes(']')) host = host.slice(0, colon);
  // Plain ASCII hosts without a punycode label cannot be homographs: skip the conversion.
  let ascii = true;
  for (let i = 0; i < host.length && ascii; i++) ascii = host.charCodeAt(i) < 0x80;
  if (ascii && !host.includes('xn--')) return null;
  return hostnameToAscii(host);
}

/**
 * `iocs` ordered by the start of their first span (ties keep their order). Sorted as packed
 * numbers (start · 2^21 + index) by the native typed-array sort instead of a comparator
 * callback per comparison: tens of thousands of IOCs made that sort show in the profile.
 */
function sortByFirstSpan(iocs: Ioc[]): Ioc[] {
  const n = iocs.length;
  const SLOT = 2 ** 21;
  if (n >= SLOT) {
    return iocs.toSorted((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0));
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (iocs[i]?.spans[0]?.start ?? 0) * SLOT + i;
  keys.sort();
  const out: Ioc[] = Array.from({ length: n });
  for (let i = 0; i < n; i++) out[i] = iocs[(keys[i] ?? 0) % SLOT]!;
  return out;
}
