import { describe, expect, it } from 'vitest';
import { REFANG_RULES, extractIocs, refang } from '../../../utils/ioc/index';

describe('refang rules (one per defang style)', () => {
  for (const rule of REFANG_RULES) {
    describe(`${rule.id}: ${rule.description}`, () => {
      it('has at least one example', () => {
        expect(rule.examples.length).toBeGreaterThan(0);
      });
      for (const [input, expected] of rule.examples) {
        it(`refangs ${JSON.stringify(input)}`, () => {
          expect(refang(input)).toBe(expected);
        });
      }
      for (const input of rule.counterExamples ?? []) {
        it(`leaves ${JSON.stringify(input)} alone`, () => {
          expect(refang(input)).toBe(input);
        });
      }
    });
  }

  it('covers every style named in issue 5 and the corpus README', () => {
    const cases: Array<[string, string]> = [
      ['hxxp://a-b.com', 'http://a-b.com'],
      ['hxxps://a-b.com', 'https://a-b.com'],
      ['hXXp://a-b.com', 'http://a-b.com'],
      ['hXXps://a-b.com', 'https://a-b.com'],
      ['fxp://a-b.com', 'ftp://a-b.com'],
      ['h**p://a-b.com', 'http://a-b.com'],
      ['h**ps://a-b.com', 'https://a-b.com'],
      ['a[.]com', 'a.com'],
      ['a(.)com', 'a.com'],
      ['a{.}com', 'a.com'],
      ['a[dot]com', 'a.com'],
      ['a(dot)com', 'a.com'],
      ['a{dot}com', 'a.com'],
      ['a[DOT]com', 'a.com'],
      ['a(DOT)com', 'a.com'],
      ['a\\.com', 'a.com'],
      ['a [.] com', 'a.com'],
      ['winupdate-check dot pw', 'winupdate-check.pw'],
      ['hxxp[:]//a.com', 'http://a.com'],
      ['hxxps[://]a.com', 'https://a.com'],
      ['http[:]//a.com', 'http://a.com'],
      ['1.2.3.4[:]8080', '1.2.3.4:8080'],
      ['x[at]a.com', 'x@a.com'],
      ['x(at)a.com', 'x@a.com'],
      ['x{at}a.com', 'x@a.com'],
      ['x[@]a.com', 'x@a.com'],
      ['kefu＠host．com', 'kefu@host.com'],
    ];
    for (const [input, expected] of cases) expect(refang(input), input).toBe(expected);
  });

  it('handles any mix of styles in one IOC', () => {
    expect(refang('hxxps[://]a(.)b[dot]c{.}com[/]x')).toBe('https://a.b.c.com/x');
    expect(refang('1.2.3[.]4')).toBe('1.2.3.4');
    expect(refang('1[.]2[.]3[.]4')).toBe('1.2.3.4');
  });

  it('never refangs an unbracketed " at " (rule 10)', () => {
    expect(refang('john at evil.com')).toBe('john at evil.com');
    expect(extractIocs('john at evil.com').iocs.map((i) => i.type)).toEqual(['domain']);
  });

  it('maps spans back to the defanged original text', () => {
    const text = 'C2: hxxps[://]evil[.]example[.]com/x and 10[.]1(.)2[dot]3';
    const r = extractIocs(text, { includePrivateIps: true });
    const url = r.iocs.find((i) => i.type === 'url');
    expect(url?.value).toBe('https://evil.example.com/x');
    expect(url?.original).toBe('hxxps[://]evil[.]example[.]com/x');
    expect(text.slice(url?.spans[0]?.start, url?.spans[0]?.end)).toBe(url?.original);
    const ip = r.iocs.find((i) => i.type === 'ipv4');
    expect(ip?.original).toBe('10[.]1(.)2[dot]3');
  });

  it('keeps offsets right after full-width characters', () => {
    const text = '地址：103．45．67［.］89端口';
    const ip = extractIocs(text, { includePrivateIps: true }).iocs[0];
    expect(ip?.value).toBe('103.45.67.89');
    expect(ip?.original).toBe('103．45．67［.］89');
  });

  it('builds the same view when defang tokens are dense (buffered mode)', () => {
    const unit = 'x[.]y hxxp[:]//a(.)b.com/p １[dot]２ ';
    const expected = 'x.y http://a.b.com/p 1.2 ';
    expect(refang(unit.repeat(6000))).toBe(expected.repeat(6000));
    const text = 'evil-a[.]com '.repeat(5000);
    const r = extractIocs(text);
    expect(r.iocs).toHaveLength(1);
    expect(r.iocs[0]?.spans).toHaveLength(5000);
    for (const span of r.iocs[0]?.spans ?? [])
      expect(text.slice(span.start, span.end)).toBe('evil-a[.]com');
  });

  it('is linear-time on defang-token floods', () => {
    const flood = '[.](.)[dot][at] dot '.repeat(20_000);
    const t0 = performance.now();
    refang(flood);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
