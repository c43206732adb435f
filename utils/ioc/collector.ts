/**
 * Collects hits from the scanners: applies the type/private/allowlist/exclusion filters,
 * maps view offsets back to the original text, and merges repeated values into one IOC with
 * several spans. Output order is the order of first appearance.
 */

import type { Ioc, IocType } from './types';
import type { OffsetMap } from './offset-map';
import { matchesAllowlist, isExcluded, type CompiledAllowlist, type Exclusions } from './allowlist';

export interface CollectorOptions {
  readonly enabled: ReadonlySet<IocType>;
  readonly includePrivateIps: boolean;
  readonly allowlist: CompiledAllowlist | null;
  readonly exclusions: Exclusions | null;
}

export interface EmitExtra {
  /** For ipv4/ipv6/cidr: not globally routable. */
  private?: boolean;
}

export class Collector {
  private readonly byKey = new Map<string, Ioc>();
  /** Values dropped by the allowlist/exclusions, so repeats are not re-checked. */
  private readonly suppressed = new Set<string>();
  private readonly text: string;
  private readonly map: OffsetMap;
  private readonly opts: CollectorOptions;

  constructor(text: string, map: OffsetMap, opts: CollectorOptions) {
    this.text = text;
    this.map = map;
    this.opts = opts;
  }

  enabled(type: IocType): boolean {
    return this.opts.enabled.has(type);
  }

  /** Records one occurrence; [vStart, vEnd) are view offsets. */
  add(type: IocType, value: string, vStart: number, vEnd: number, extra?: EmitExtra): void {
    if (!this.opts.enabled.has(type)) return;
    const priv = extra?.private === true;
    if (priv && !this.opts.includePrivateIps) return;
    // An IOC must start and end on defang-token boundaries (see OffsetMap.cutsSegment).
    if (this.map.cutsSegment(vStart, vEnd)) return;
    const key = type + '\u0000' + value;
    const start = this.map.toOriginalStart(vStart);
    const end = this.map.toOriginalEnd(vEnd);
    const existing = this.byKey.get(key);
    if (existing !== undefined) {
      existing.spans.push({ start, end });
      return;
    }
    if (this.suppressed.has(key)) return;
    const { allowlist, exclusions } = this.opts;
    if (
      (allowlist !== null && matchesAllowlist(allowlist, type, value)) ||
      (exclusions !== null && isExcluded(exclusions, type, value))
    ) {
      this.suppressed.add(key);
      return;
    }
    const ioc: Ioc = {
      type,
      value,
      original: this.text.slice(start, end),
      spans: [{ start, end }],
    };
    if (priv) ioc.private = true;
    this.byKey.set(key, ioc);
  }

  finish(): Ioc[] {
    const out = [...this.byKey.values()];
    for (const ioc of out) {
      if (ioc.spans.length > 1) {
        // Passes run one after another, so spans of one value may arrive out of order, and
        // two passes may report the same occurrence (an IPv4-mapped IPv6 and its IPv4).
        ioc.spans.sort((a, b) => a.start - b.start || a.end - b.end);
        ioc.spans = ioc.spans.filter(
          (s, i, all) => i === 0 || s.start !== all[i - 1]?.start || s.end !== all[i - 1]?.end,
        );
        const first = ioc.spans[0];
        if (first !== undefined) ioc.original = this.text.slice(first.start, first.end);
      }
    }
    out.sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0));
    return out;
  }
}
