import { describe, expect, it } from 'vitest';
import { CqlError, matchesCql, parseCql } from '../../../sandbox/cql';
import { KNOWN, seedData } from '../../../sandbox/seed';

describe('parseCql', () => {
  it('parses = and IN joined by AND, keywords in any case', () => {
    expect(parseCql('type = "indicator" and value IN ("1.2.3.4", \'evil.com\')')).toEqual([
      { field: 'type', values: ['indicator'] },
      { field: 'value', values: ['1.2.3.4', 'evil.com'] },
    ]);
  });

  it('treats an empty query as match-all', () => {
    expect(parseCql('   ')).toEqual([]);
  });

  it('unescapes quotes inside strings', () => {
    expect(parseCql('value = "a\\"b"')).toEqual([{ field: 'value', values: ['a"b'] }]);
  });

  it.each([
    ['value = 1.2.3.4', /quoted value/],
    ['type = "indicator" OR value = "x"', /OR is not supported/],
    ['colour = "red"', /unknown field/],
    ['value = "unterminated', /unterminated/],
    ['value IN ("a",', /quoted value/],
    ['value IN "a"', /"\(" after IN/],
    ['value != "a"', /unexpected character/],
    ['value = "a" value = "b"', /expected AND/],
    ['(type = "indicator")', /expected a field name/],
  ])('rejects %s', (query, message) => {
    expect(() => parseCql(query)).toThrow(CqlError);
    expect(() => parseCql(query)).toThrow(message);
  });
});

describe('matchesCql', () => {
  const seed = seedData();
  const ip = seed.findByValue(KNOWN.ipv4);
  const asn = seed.findByValue(KNOWN.asn);

  it('compares type, ioc_type and value case-insensitively', () => {
    if (!ip) throw new Error('seed lacks the known IPv4');
    expect(matchesCql(ip, parseCql('TYPE = "Indicator" AND ioc_type = "IPV4-ADDR"'))).toBe(true);
    expect(matchesCql(ip, parseCql(`value IN ("x", "${KNOWN.ipv4}")`))).toBe(true);
    expect(matchesCql(ip, parseCql('type = "malware"'))).toBe(false);
    expect(matchesCql(ip, parseCql(`type = "indicator" AND value = "1.1.1.1"`))).toBe(false);
  });

  it('accepts asn as a spelling of autonomous-system', () => {
    if (!asn) throw new Error('seed lacks the known ASN');
    expect(matchesCql(asn, parseCql('ioc_type = "asn"'))).toBe(true);
    expect(matchesCql(asn, parseCql('ioc_type = "autonomous-system"'))).toBe(true);
  });
});
