import { describe, expect, it } from 'vitest';
import { extractIocs } from '../../../utils/ioc/index';
import { punycodeDecode, punycodeEncode } from '../../../utils/ioc/punycode';
import { isHomograph, isMixedScriptLabel } from '../../../utils/ioc/idn';
import { found } from './helpers';

describe('IDN host names in every script', () => {
  it('CJK, Hangul, Kana, Arabic, Hebrew and Devanagari names, as punycode', () => {
    expect(
      found(
        '例子.中国 「テスト.jp」 한국.한국 مثال.السعودية דוגמה.קום उदाहरण.भारत 中文.example.com example.中国',
      ),
    ).toEqual([
      'domain:xn--fsqu00a.xn--fiqs8s',
      'domain:xn--zckzah.jp',
      'domain:xn--3e0b707e.xn--3e0b707e',
      'domain:xn--mgbh0fb.xn--mgberp4a5d4ar',
      'domain:xn--6dbbec0c.xn--9dbq2a',
      'domain:xn--p1b6ci4b4b3a.xn--h2brj9c',
      'domain:xn--fiq228c.example.com',
      'domain:example.xn--fiqs8s',
    ]);
  });

  it('Unicode and punycode spellings are one IOC with both spans', () => {
    const [ioc, ...rest] = extractIocs('例子.中国 and xn--fsqu00a.xn--fiqs8s').iocs;
    expect(rest).toEqual([]);
    expect(ioc?.spans).toHaveLength(2);
  });

  it('text glued to a name: a script switch ends the name, a TLD prefix ends CJK glue', () => {
    expect(found('访问evil.com获取')).toEqual(['domain:evil.com']);
    expect(found('访问example.中国')).toEqual(['domain:example.xn--fiqs8s']);
    // Known limit: Chinese glued to the front has no boundary; it joins the first label.
    expect(found('见例子.com获取')).toEqual([`domain:xn--${punycodeEncode('见例子')}.com`]);
    expect(found('见 例子.com获取')).toEqual([`domain:xn--${punycodeEncode('例子')}.com`]);
    expect(found('"例子.中国获取"')).toEqual(['domain:xn--fsqu00a.xn--fiqs8s']);
  });

  it('false positives: no public suffix, file names, a sentence full stop', () => {
    expect(found('报告.pdf 文件.zip 例子.测试 中文。中国 一.二')).toEqual([]);
  });

  it('IPs glued to these scripts stay found (rule 12)', () => {
    expect(found('服务器1.2.3.4上 בכתובת 5.6.7.8')).toEqual(['ipv4:1.2.3.4', 'ipv4:5.6.7.8']);
  });

  it('punycode decodes what it encodes', () => {
    for (const label of ['例子', 'münchen', 'مثال', 'उदाहरण', 'pаypal', 'straße']) {
      const enc = punycodeEncode(label);
      expect(enc).not.toBeNull();
      expect(punycodeDecode(enc!)).toBe(label);
    }
    expect(punycodeDecode('fsqu00a')).toBe('例子');
    expect(punycodeDecode('99999999999')).toBeNull();
  });
});

describe('homographs (mixed-script / whole-script confusable)', () => {
  it('flags mixed Latin/Cyrillic labels and Latin look-alikes, in Unicode or punycode', () => {
    const iocs = extractIocs(
      'pаypal.com аррӏе.com xn--pypal-4ve.org bob@gооgle.com hxxp://аррӏе[.]net/login',
    ).iocs;
    expect(iocs.map((i) => [i.value, i.homograph])).toEqual([
      ['xn--pypal-4ve.com', true],
      ['xn--80ak6aa92e.com', true],
      ['xn--pypal-4ve.org', true],
      ['bob@xn--ggle-55da.com', true],
      ['http://аррӏе.net/login', true],
    ]);
  });

  it('does not flag single-script names, Cyrillic names under Cyrillic TLDs, CJK mixes', () => {
    const iocs = extractIocs(
      'яндекс.рф аррӏе.ru münchen.de ελληνικά.com テスト例.jp 例子.中国 evil.com',
    ).iocs;
    expect(iocs.filter((i) => i.homograph === true)).toEqual([]);
    expect(iocs).toHaveLength(7);
  });

  it('label rules', () => {
    expect(isMixedScriptLabel('pаypal')).toBe(true);
    expect(isMixedScriptLabel('abcテスト')).toBe(false); // Latin + Kana: allowed (Japanese)
    expect(isMixedScriptLabel('한국abc')).toBe(false); // Latin + Hangul: allowed (Korean)
    expect(isMixedScriptLabel('αbc')).toBe(true);
    expect(isHomograph('example.com')).toBe(false);
  });
});
