import { describe, expect, it } from 'vitest';
import { extractIocs, isAllowlisted, validateAllowlistEntry } from '../../../utils/ioc/index';

const SAMPLE =
  'hxxps://evil-site[.]com/a from 10.0.0.5 to 185.243.112[.]47, mail x[@]evil-site[.]com, ' +
  'cdn.evil-site.com, good.example-corp.com, 8.8.8.8 and 2001:db8::5, T1059, CVE-2024-21412';

describe('extract options', () => {
  it('types: only the requested types are reported', () => {
    const r = extractIocs(SAMPLE, { types: ['ipv4', 'cve'] });
    expect(r.iocs.map((i) => i.type)).toEqual(['ipv4', 'ipv4', 'cve']);
  });

  it('types: with url off, URL hosts are reported as domains', () => {
    const r = extractIocs('hxxps://evil-site[.]com/a', { types: ['domain'] });
    expect(r.iocs.map((i) => i.value)).toEqual(['evil-site.com']);
  });

  it('types: with email off, the host of an address is reported as a domain', () => {
    const r = extractIocs('write to j.doe@evil-site.com', { types: ['domain'] });
    expect(r.iocs.map((i) => i.value)).toEqual(['evil-site.com']);
  });

  it('refang: false only finds plain spellings', () => {
    const r = extractIocs('evil[.]com and plain-site.com, 1.2.3[.]4', { refang: false });
    expect(r.iocs.map((i) => i.value)).toEqual(['plain-site.com']);
  });

  it('includePrivateIps: default drops private/reserved addresses, true flags them', () => {
    expect(extractIocs(SAMPLE).iocs.some((i) => i.private === true)).toBe(false);
    const r = extractIocs(SAMPLE, { includePrivateIps: true });
    expect(r.iocs.filter((i) => i.private === true).map((i) => i.value)).toEqual([
      '10.0.0.5',
      '2001:db8::5',
    ]);
  });

  it('allowlist: domains, wildcards, IPs and CIDRs', () => {
    const r = extractIocs(SAMPLE, {
      allowlist: ['*.example-corp.com', '185.243.112.0/24', '8.8.8.8'],
    });
    const values = r.iocs.map((i) => i.value);
    expect(values).not.toContain('good.example-corp.com');
    expect(values).not.toContain('185.243.112.47');
    expect(values).not.toContain('8.8.8.8');
    expect(values).toContain('cdn.evil-site.com');
  });

  it('excludeDomains: the domain, its subdomains and URLs/e-mails on it', () => {
    const r = extractIocs(SAMPLE, { excludeDomains: ['evil-site.com'] });
    expect(r.iocs.map((i) => i.type)).toEqual(['ipv4', 'domain', 'ipv4', 'mitre-attack', 'cve']);
    expect(r.iocs.map((i) => i.value)).toContain('good.example-corp.com');
  });

  it('maxBytes: cuts at the cap (on a whitespace boundary) and sets truncated', () => {
    const text = 'first 185.243.112.47 and then second-site.com';
    const r = extractIocs(text, { maxBytes: 25 });
    expect(r.truncated).toBe(true);
    expect(r.stats.inputChars).toBe(text.length);
    expect(r.stats.scannedChars).toBeLessThanOrEqual(25);
    expect(r.iocs.map((i) => i.value)).toEqual(['185.243.112.47']);
    const full = extractIocs(text);
    expect(full.truncated).toBe(false);
    expect(full.stats.scannedChars).toBe(text.length);
  });

  it('maxBytes counts UTF-8 bytes', () => {
    const text = 'é'.repeat(10) + ' 8.8.8.8';
    expect(extractIocs(text, { maxBytes: 20 }).truncated).toBe(true);
    expect(extractIocs(text, { maxBytes: 28 }).truncated).toBe(false);
  });

  it('stats: counts per type and timing', () => {
    const r = extractIocs(SAMPLE, { includePrivateIps: true });
    expect(r.stats.byType.ipv4).toBe(3);
    expect(r.stats.ms).toBeGreaterThanOrEqual(0);
  });

  it('empty and whitespace input', () => {
    expect(extractIocs('').iocs).toEqual([]);
    expect(extractIocs('   \n\t').iocs).toEqual([]);
  });
});

describe('validateAllowlistEntry', () => {
  it('accepts domains, wildcards, IPs and CIDRs', () => {
    for (const e of [
      'example.com',
      '*.example.com',
      'пример.рф',
      '10.0.0.1',
      '10.0.0.0/8',
      '2001:db8::/32',
      '::1',
    ])
      expect(validateAllowlistEntry(e), e).toBeNull();
  });

  it('explains what is wrong', () => {
    expect(validateAllowlistEntry('')).toMatch(/empty/);
    expect(validateAllowlistEntry('https://example.com/')).toMatch(/not a URL/);
    expect(validateAllowlistEntry('10.0.0.0/33')).toMatch(/CIDR/);
    expect(validateAllowlistEntry('0.0.0.0/0')).toMatch(/every address/);
    expect(validateAllowlistEntry('*.com')).toMatch(/not a valid domain|public suffix/);
    expect(validateAllowlistEntry('*.co.uk')).toMatch(/public suffix/);
    expect(validateAllowlistEntry('a.*.com')).toMatch(/wildcard/);
    expect(validateAllowlistEntry('300.1.1.1')).toMatch(/IPv4/);
    expect(validateAllowlistEntry('bad_host!.com')).toMatch(/domain/);
    expect(validateAllowlistEntry('a b.com')).toMatch(/spaces/);
  });
});

describe('isAllowlisted', () => {
  const list = ['example.com', '*.corp-site.net', '10.0.0.0/8', '2001:db8::/32', '8.8.8.8'];
  it('matches by type', () => {
    expect(isAllowlisted('domain', 'example.com', list)).toBe(true);
    expect(isAllowlisted('domain', 'www.example.com', list)).toBe(false);
    expect(isAllowlisted('domain', 'a.b.corp-site.net', list)).toBe(true);
    expect(isAllowlisted('domain', 'corp-site.net', list)).toBe(true);
    expect(isAllowlisted('domain', 'notcorp-site.net', list)).toBe(false);
    expect(isAllowlisted('url', 'https://x.corp-site.net:8443/a', list)).toBe(true);
    expect(isAllowlisted('url', 'http://10.1.2.3/a', list)).toBe(true);
    expect(isAllowlisted('email', 'a@example.com', list)).toBe(true);
    expect(isAllowlisted('ipv4', '10.200.0.1', list)).toBe(true);
    expect(isAllowlisted('ipv4', '11.0.0.1', list)).toBe(false);
    expect(isAllowlisted('ipv6', '2001:db8::1', list)).toBe(true);
    expect(isAllowlisted('cidr', '10.1.0.0/16', list)).toBe(true);
    expect(isAllowlisted('cidr', '0.0.0.0/1', list)).toBe(false);
    expect(isAllowlisted('md5', 'd41d8cd98f00b204e9800998ecf8427e', list)).toBe(false);
  });
});
