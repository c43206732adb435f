import { describe, expect, it } from 'vitest';
import {
  HOSTILE_NAME,
  KNOWN,
  KNOWN_IDS,
  seedData,
  UNKNOWN_REPORT_IOCS,
} from '../../../sandbox/seed';

const seed = seedData();

describe('seedData', () => {
  it('is deterministic per seed', () => {
    expect(JSON.stringify(seedData(7))).toBe(JSON.stringify(seedData(7)));
    expect(JSON.stringify(seedData(7))).not.toBe(JSON.stringify(seedData(8)));
  });

  it('has 200+ unique indicators across all the main IOC types', () => {
    const indicators = seed.indicators();
    expect(indicators.length).toBeGreaterThanOrEqual(200);
    const values = new Set(indicators.map((i) => i.name.toLowerCase()));
    expect(values.size).toBe(indicators.length);
    for (const type of [
      'ipv4-addr',
      'ipv6-addr',
      'domain-name',
      'url',
      'email-addr',
      'MD5',
      'SHA-1',
      'SHA-256',
      'SHA-512',
      'autonomous-system',
    ]) {
      expect(seed.indicators(type).length, type).toBeGreaterThan(0);
    }
    const iocTypes = new Set(seed.iocTypes.map((t) => t.id));
    for (const i of indicators)
      expect(iocTypes.has(i.ioc_type ?? ''), i.ioc_type ?? 'null').toBe(true);
  });

  it('generates well-formed values', () => {
    const check: [string, RegExp][] = [
      ['ipv4-addr', /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/],
      ['MD5', /^[0-9a-f]{32}$/],
      ['SHA-1', /^[0-9a-f]{40}$/],
      ['SHA-256', /^[0-9a-f]{64}$/],
      ['SHA-512', /^[0-9a-f]{128}$/],
      ['domain-name', /^[a-z0-9.-]+\.[a-z]{2,}$/],
      ['url', /^https?:\/\/[^\s/]+\/\S*$/],
      ['email-addr', /^[\w.+-]+@[a-z0-9.-]+\.[a-z]{2,}$/],
      ['autonomous-system', /^AS\d+$/],
    ];
    for (const [type, re] of check) {
      for (const i of seed.indicators(type)) expect(i.name, type).toMatch(re);
    }
    for (const ip of seed.indicators('ipv4-addr')) {
      const [a, b] = ip.name.split('.').map(Number) as [number, number];
      const isPrivate =
        a === 10 || a === 127 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
      expect(isPrivate, ip.name).toBe(false);
    }
  });

  it('varies confidence, TLP and flags', () => {
    const indicators = seed.indicators();
    expect(new Set(indicators.map((i) => i.confidence_score)).size).toBeGreaterThan(20);
    expect(new Set(seed.objects.map((o) => o.tlp))).toEqual(
      new Set(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']),
    );
    expect(indicators.filter((i) => i.is_false_positive).length).toBeGreaterThan(1);
    expect(indicators.filter((i) => i.is_whitelisted).length).toBeGreaterThan(1);
    expect(indicators.filter((i) => i.is_deprecated).length).toBeGreaterThan(1);
  });

  it('has malware, threat actors, vulnerabilities and 5+ reports of 10-300 relations', () => {
    expect(seed.ofType('malware').length).toBeGreaterThan(5);
    expect(seed.ofType('threat-actor').length).toBeGreaterThan(5);
    expect(seed.ofType('vulnerability').length).toBeGreaterThan(5);
    // The big synthetic report (2,500 relations) has its own tests (synthetic.test.ts).
    const reports = seed.ofType('report').filter((r) => r.id !== KNOWN_IDS.bigReport);
    expect(reports.length).toBeGreaterThanOrEqual(5);
    const sizes = reports.map((r) => seed.relationsOf(r.id).length);
    for (const n of sizes) {
      expect(n).toBeGreaterThanOrEqual(10);
      expect(n).toBeLessThanOrEqual(300);
    }
    expect(sizes).toContain(300);
    expect(sizes).toContain(10);
  });

  it('has 2 published and 1 draft bulletin, each pointing at a report', () => {
    expect(seed.bulletins.filter((b) => b.published).length).toBe(2);
    expect(seed.bulletins.filter((b) => b.status === 'draft' && !b.published).length).toBe(1);
    for (const b of seed.bulletins) expect(seed.getObject(b.report_id)?.type).toBe('report');
  });

  it('has 2 investigations whose nodes and links are well formed', () => {
    expect(seed.canvases).toHaveLength(2);
    for (const c of seed.canvases) {
      const nodes = c.items.filter((i) => i.type === 'node');
      expect(nodes.length).toBeGreaterThan(5);
      for (const n of nodes) {
        expect(n.id).toMatch(/^[a-z-]+--[0-9a-f-]{36}$/);
        expect(n.prop).toHaveProperty('score');
        expect(n.prop).toHaveProperty('tlp_data');
        expect(n.prop).toHaveProperty('indicator_type');
      }
      expect(c.items.some((i) => i.type === 'link')).toBe(true);
    }
  });

  it.each([undefined, 1, 2, 3, 99, 123456])(
    'keeps the known fixtures and excludes the unknown ones (seed %s)',
    (n) => {
      const s = seedData(n);
      expect(s.findByValue(KNOWN.ipv4)?.id).toBe(KNOWN_IDS.ipv4);
      expect(s.findByValue(KNOWN.domain)?.id).toBe(KNOWN_IDS.domain);
      expect(s.findByValue(KNOWN.url)?.id).toBe(KNOWN_IDS.url);
      expect(s.findByValue(KNOWN.sha256)?.id).toBe(KNOWN_IDS.sha256);
      expect(s.findByValue(KNOWN.whitelistedIpv4)?.is_whitelisted).toBe(true);
      expect(s.findByValue(KNOWN.falsePositiveDomain)?.is_false_positive).toBe(true);
      expect(s.findByValue(KNOWN.deprecatedIpv4)?.is_deprecated).toBe(true);
      expect(s.getObject(KNOWN_IDS.report)?.name).toBe(KNOWN.reportName);
      expect(s.getObject(KNOWN_IDS.hostileTool)?.name).toBe(HOSTILE_NAME);
      expect(s.getBulletin(KNOWN_IDS.bulletin)?.report_id).toBe(KNOWN_IDS.report);
      expect(s.getCanvas(KNOWN_IDS.canvas)?.name).toBe(KNOWN.canvasName);
      for (const v of Object.values(UNKNOWN_REPORT_IOCS))
        expect(s.findByValue(v), v).toBeUndefined();
    },
  );

  it('puts the known C2 IP into the Glasswing report', () => {
    const related = seed.relationsOf(KNOWN_IDS.report).map((r) => r.target.name);
    expect(related).toEqual(
      expect.arrayContaining([KNOWN.ipv4, KNOWN.domain, KNOWN.malware, KNOWN.cve]),
    );
  });
});
