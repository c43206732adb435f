/**
 * Collects hits from the scanners: applies the type/private/allowlist/exclusion filters,
 * maps view offsets back to the original text, and merges repeated values into one IOC with
 * several spans. Output order is the order of first appearance.
 */

import type { Ioc, IocType } from './types';
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

export class Collector {
  /** One map per enabled type, keyed by normalised value (null: allowlisted or excluded). */
  private readonly byType = new Map<IocType, Map<string, Ioc | null>>();
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
    const existing = values.get(value);
    if (existing === null) return; // allowlisted or excluded
    // An IOC must start and end on defang-token boundaries (see OffsetMap.cutsSegment).
    const span = this.map.mapSpan(vStart, vEnd);
    if (span === null) return;
    if (existing !== undefined) {
      existing.spans.push(span);
      return;
    }
    const { allowlist, exclusions } = this.opts;
    if (
      (allowlist !== null && matchesAllowlist(allowlist, type, value)) ||
      (exclusions !== null && isExcluded(exclusions, type, value))
    ) {
      values.set(value, null);
      return;
    }
    const ioc: Ioc = {
      type,
      value,
      original: this.text.slice(span.start, span.end),
      spans: [span],
    };
    if (priv) ioc.private = true;
    values.set(value, ioc);
  }

  finish(): Ioc[] {
    const out: Ioc[] = [];
    for (const values of this.byType.values())
      for (const ioc of values.values()) if (ioc !== null) out.push(ioc);
    for (const ioc of out) {
      const spans = ioc.spans;
      if (spans.length < 2) continue;
      // Passes run one after another, so spans of one value may arrive out of order, and
      // two passes may report the same occurrence (an IPv4-mapped IPv6 and its IPv4).
      let ordered = true;
      for (let i = 1; i < spans.length && ordered; i++) {
        const a = spans[i - 1];
        const b = spans[i];
        if (
          a !== undefined &&
          b !== undefined &&
          (b.start < a.start || (b.start === a.start && b.end <= a.end))
        )
          ordered = false;
      }
      if (ordered) continue;
      spans.sort((a, b) => a.start - b.start || a.end - b.end);
      ioc.spans = spans.filter(
        (s, i, all) => i === 0 || s.start !== all[i - 1]?.start || s.end !== all[i - 1]?.end,
      );
      const first = ioc.spans[0];
      if (first !== undefined) ioc.original = this.text.slice(first.start, first.end);
    }
    const sorted = sortByFirstSpan(out);
    for (const ioc of sorted) {
      const host = hostOf(ioc);
      if (host !== null && isHomograph(host)) ioc.homograph = true;
    }
    return sorted;
  }
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
