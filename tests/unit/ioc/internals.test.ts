import { describe, expect, it } from 'vitest';
import { IntervalSet } from '../../../utils/ioc/interval-set';
import { isBase58Address, isBech32Address } from '../../../utils/ioc/btc';
import { punycodeEncode } from '../../../utils/ioc/punycode';
import { parseIpv6 } from '../../../utils/ioc/ip';
import { buildView } from '../../../utils/ioc/refang';
import { OffsetMapBuilder } from '../../../utils/ioc/offset-map';

describe('IntervalSet', () => {
  it('merges sorted and unsorted additions across seals', () => {
    const s = new IntervalSet();
    s.add(10, 20);
    s.add(30, 40);
    s.seal();
    s.add(35, 50);
    s.add(0, 5);
    s.add(18, 25);
    expect(s.overlaps(5, 10)).toBe(false); // pending additions are not visible before seal()
    s.seal();
    expect(s.contains(4)).toBe(true);
    expect(s.contains(5)).toBe(false);
    expect(s.contains(24)).toBe(true);
    expect(s.contains(27)).toBe(false);
    expect(s.contains(49)).toBe(true);
    expect(s.overlaps(25, 30)).toBe(false);
    expect(s.overlaps(25, 31)).toBe(true);
  });
});

describe('validators', () => {
  it('punycode matches RFC 3492 / IDNA A-labels', () => {
    expect(punycodeEncode('бухгалтерия-отчет')).toBe('--7sbcilbtw4arufbc4a6b2i'); // xn----7sbc… as an A-label;
    expect(punycodeEncode('рф')).toBe('p1ai');
    expect(punycodeEncode('münchen')).toBe('mnchen-3ya');
  });

  it('bitcoin checksums', () => {
    expect(isBase58Address('1B4KRoPXk6WniGufgZmx1HD78xsM3CRifw')).toBe(true);
    expect(isBase58Address('1B4KRoPXk6WniGufgZmx1HD78xsM3CRifW')).toBe(false);
    expect(isBech32Address('bc1q5l2qfemlfas6qgm0qtxk8900908td0avdu72um')).toBe(true);
    expect(isBech32Address('bc1q5l2qfemlfas6qgm0qtxk8900908td0avdu72uM')).toBe(false); // mixed case
  });

  it('strict IPv6 parsing', () => {
    expect(parseIpv6('1.2.3.4::')).toBeNull(); // a dotted quad only ends an address
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeNull();
    expect(parseIpv6('a::b')).toBeNull();
    expect(parseIpv6('fe80::1')?.value).toBe('fe80::1');
    expect(parseIpv6('::ffff:1.2.3.4')).toEqual({ value: '1.2.3.4', version: 4, private: false });
  });
});

describe('offset map', () => {
  it('maps view spans to whole defang tokens and refuses spans that cut one', () => {
    const text = 'a[://]b hxxp c';
    const { view, map } = buildView(text);
    expect(view).toBe('a://b hxxp c'); // "hxxp" without "://" is not a scheme
    expect(map.mapSpan(0, 5)).toEqual({ start: 0, end: 7 });
    expect(map.mapSpan(0, 2)).toBeNull(); // ends inside "://"
    expect(map.mapSpan(6, 10)).toEqual({ start: 8, end: 12 });
  });

  it('maps every position like a plain scan of the segments, whatever order the queries come in', () => {
    // Segments every 7 view characters from 5 on: "[.]" -> "." and "[://]" -> "://" in turn.
    const builder = new OffsetMapBuilder();
    const segments: Array<[number, number, number, number]> = [];
    let orig = 5;
    for (let k = 0; k < 300; k++) {
      const [vl, ol] = k % 2 ? [3, 5] : [1, 3];
      const seg: [number, number, number, number] = [5 + 7 * k, vl, orig, ol];
      segments.push(seg);
      builder.add(...seg);
      orig += ol + 7 - vl;
    }
    const map = builder.build();
    const reference = (v: number): number => {
      let last: [number, number, number, number] | undefined;
      for (const seg of segments) if (seg[0] <= v) last = seg;
      if (last === undefined) return v;
      const [vs, vl, os, ol] = last;
      return v < vs + vl ? os : os + ol + (v - vs - vl);
    };
    let seed = 1;
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const forward = Array.from({ length: 2200 }, (_, v) => v);
    const queries = [
      ...forward,
      ...forward.toReversed(),
      ...forward.map(() => Math.floor(random() * 2200)),
      ...forward.map((v) => (v % 2 ? v : 2199 - v)),
    ];
    for (const v of queries) expect(map.toOriginalStart(v), `view offset ${v}`).toBe(reference(v));
  });
});
