import { describe, expect, it } from 'vitest';
import { IOC_TYPES, extractIocs } from '../../../utils/ioc/index';
import { found, valuesOf } from './helpers';

describe('each IOC type', () => {
  it('exports the 20 types', () => {
    expect(IOC_TYPES.toSorted()).toEqual([
      'asn',
      'btc',
      'cidr',
      'cve',
      'domain',
      'email',
      'filename',
      'ipv4',
      'ipv6',
      'mac',
      'md5',
      'mitre-attack',
      'registry-key',
      'sha1',
      'sha224',
      'sha256',
      'sha384',
      'sha512',
      'ssdeep',
      'url',
    ]);
  });

  it('ipv4: dotted quads, ports dropped, zero padding stripped, ranges give both ends', () => {
    expect(valuesOf('C2 185.243.112[.]47:443, 045.137.021.009 and 5.6.7.8#53', 'ipv4')).toEqual([
      '185.243.112.47',
      '45.137.21.9',
      '5.6.7.8',
    ]);
    expect(valuesOf('inetnum: 185.220.100.0 - 185.220.101.255', 'ipv4')).toEqual([
      '185.220.100.0',
      '185.220.101.255',
    ]);
    expect(valuesOf('10.0.0.0-10.255.255.255', 'ipv4')).toEqual(['10.0.0.0', '10.255.255.255']);
  });

  it('ipv4: tcpdump address.port notation gives the address', () => {
    expect(valuesOf('IP 192.168.1.5.51514 > 1.1.1.1.53: 1234+ A? x.com.', 'ipv4')).toEqual([
      '192.168.1.5',
      '1.1.1.1',
    ]);
  });

  it('ipv4: flags non-global addresses and drops them by default', () => {
    const r = extractIocs('10.1.2.3 8.8.8.8 203.0.113.5 172.245.1.1 100.64.0.1', {
      includePrivateIps: true,
    });
    expect(r.iocs.map((i) => [i.value, i.private === true])).toEqual([
      ['10.1.2.3', true],
      ['8.8.8.8', false],
      ['203.0.113.5', true],
      ['172.245.1.1', false],
      ['100.64.0.1', true],
    ]);
    expect(extractIocs('10.1.2.3 8.8.8.8').iocs.map((i) => i.value)).toEqual(['8.8.8.8']);
  });

  it('ipv4: glued to CJK, Hangul, Hebrew prefixes', () => {
    expect(valuesOf('地址103.45.67[.]89端口', 'ipv4')).toEqual(['103.45.67.89']);
    expect(valuesOf('서버 45.9.74[.]116으로', 'ipv4')).toEqual(['45.9.74.116']);
    expect(valuesOf('ל-31.222.14.7 נחסם', 'ipv4')).toEqual(['31.222.14.7']);
  });

  it('ipv6: RFC 5952 form, zone and brackets removed, mapped IPv4 reported as ipv4', () => {
    expect(valuesOf('2001:41D0:0303:0000:0000:0000:0000:0B7E', 'ipv6')).toEqual([
      '2001:41d0:303::b7e',
    ]);
    expect(valuesOf('fe80::1%eth0 and [2a03:b0c0:3:d0::1a2:f001]:443', 'ipv6')).toEqual([
      'fe80::1',
      '2a03:b0c0:3:d0::1a2:f001',
    ]);
    expect(found('::ffff:45.9.74.13')).toEqual(['ipv4:45.9.74.13']);
    const r = extractIocs('::1 2001:db8::42 2606:4700::1111', { includePrivateIps: true });
    expect(r.iocs.map((i) => [i.value, i.private === true])).toEqual([
      ['::1', true],
      ['2001:db8::42', true],
      ['2606:4700::1111', false],
    ]);
  });

  it('cidr: as written, with no extra ipv4', () => {
    expect(found('Cluster 146.70.0.0/16 and 45.137.21.0/24, also 1.2.3.4/32.')).toEqual([
      'cidr:146.70.0.0/16',
      'cidr:45.137.21.0/24',
      'cidr:1.2.3.4/32',
    ]);
    expect(found('1.2.3.4/33')).toEqual(['ipv4:1.2.3.4']);
  });

  it('domain: lower case, root dot and wildcard removed, IDN as A-label', () => {
    expect(valuesOf('Update.WinCheck-Srv.TOP. *.evil-cdn.net', 'domain')).toEqual([
      'update.wincheck-srv.top',
      'evil-cdn.net',
    ]);
    expect(
      valuesOf('бухгалтерия-отчет.рф / xn----7sbcilbtw4arufbc4a6b2i.xn--p1ai', 'domain'),
    ).toEqual(['xn----7sbcilbtw4arufbc4a6b2i.xn--p1ai']);
    expect(
      valuesOf('x7k2q4w5e6r7t8y9u0i1o2p3a4s5d6f7g8h9j0k1l2z3x4c5v6b7n8m9qw.onion', 'domain'),
    ).toHaveLength(1);
  });

  it('domain: full FQDN only, no parent or prefix domains', () => {
    expect(valuesOf('login.microsoftonline.com.session-check[.]info', 'domain')).toEqual([
      'login.microsoftonline.com.session-check.info',
    ]);
  });

  it('domain: a word glued by a hyphen or emphasis underscores are not part of it', () => {
    expect(
      valuesOf(
        'Die evil-site.com-Domain, the c2-host.org-hosted kit, _evil2-site[.]net_',
        'domain',
      ),
    ).toEqual(['evil-site.com', 'c2-host.org', 'evil2-site.net']);
    expect(valuesOf('.promo.app-banner { margin: 0 }', 'domain')).toEqual([]);
  });

  it('domain: multi-label public suffixes and new gTLDs', () => {
    expect(valuesOf('a-b.co.kr c-d.com.br e-f.zip[.]xyz g-h.icu i-j.lol', 'domain')).toEqual([
      'a-b.co.kr',
      'c-d.com.br',
      'e-f.zip.xyz',
      'g-h.icu',
      'i-j.lol',
    ]);
  });

  it('url: scheme lower case and refanged, the rest as written', () => {
    expect(valuesOf('HXXPS://Evil[.]com:8443/A/B?q=Z#F', 'url')).toEqual([
      'https://Evil.com:8443/A/B?q=Z#F',
    ]);
    expect(valuesOf('fxp://91.92.244[.]8/bins/arm7', 'url')).toEqual([
      'ftp://91.92.244.8/bins/arm7',
    ]);
  });

  it('url: trailing punctuation and unbalanced brackets are not part of it', () => {
    const text =
      '(hxxps://a-b.com/d/1), "hxxp://1.2.3.4/p/", <hxxps://c-d.net/>, \'hxxps://c-d.net/h\'; [hxxps://s.c-d.net]! ' +
      'https://en.wikipedia.org/wiki/Invoice_(final). See https://e-f.com/x… and [w](https://g-h.io/a "title")';
    expect(valuesOf(text, 'url')).toEqual([
      'https://a-b.com/d/1',
      'http://1.2.3.4/p/',
      'https://c-d.net/',
      'https://c-d.net/h',
      'https://s.c-d.net',
      'https://en.wikipedia.org/wiki/Invoice_(final)',
      'https://e-f.com/x',
      'https://g-h.io/a',
    ]);
  });

  it('url: CJK punctuation ends it, even full-width forms NFKC would make ASCII', () => {
    expect(found('下载地址hxxp://a-b.cn/x.exe，C2为1.2.3.4；备用（hxxps://c-d.top/p）。')).toEqual([
      'url:http://a-b.cn/x.exe',
      'ipv4:1.2.3.4',
      'url:https://c-d.top/p',
    ]);
  });

  it('url: the host is not repeated as a domain unless it stands alone too', () => {
    expect(found('hxxps://evil-site.com/x')).toEqual(['url:https://evil-site.com/x']);
    expect(found('hxxps://evil-site.com/x and evil-site.com')).toEqual([
      'url:https://evil-site.com/x',
      'domain:evil-site.com',
    ]);
  });

  it('url: wrapped after "/" is re-joined', () => {
    expect(
      valuesOf('hxxps://cdn.file-host[.]org/share/2024/\ninv_8812/open.html\n', 'url'),
    ).toEqual(['https://cdn.file-host.org/share/2024/inv_8812/open.html']);
    expect(valuesOf('hxxps://a-b.org/x/\nevil-site.com/y\n', 'url')).toEqual([
      'https://a-b.org/x/',
    ]);
  });

  it('url: only http, https and ftp; other schemes give their host', () => {
    expect(found('${jndi:ldap://89.208.103.55:1389/x} tcp://c2-relay.net:4444')).toEqual([
      'ipv4:89.208.103.55',
      'domain:c2-relay.net',
    ]);
  });

  it('email: refanged, host lower case, mailto removed, local part kept', () => {
    expect(
      valuesOf('Reply-To: Settlement.Desk[at]INV-Settle[.]biz, mailto:q[@]h-m[.]com.', 'email'),
    ).toEqual(['Settlement.Desk@inv-settle.biz', 'q@h-m.com']);
    expect(valuesOf('kefu＠evil-help.cn', 'email')).toEqual(['kefu@evil-help.cn']);
    expect(valuesOf('bounces+123-ab=victim.com@sendgrid.net', 'email')).toEqual([
      'bounces+123-ab=victim.com@sendgrid.net',
    ]);
  });

  it('email: local part and host are not domains', () => {
    expect(found('nalog.info[@]mail-notify[.]su')).toEqual(['email:nalog.info@mail-notify.su']);
  });

  it('hashes: exact hex runs of 32/40/64/128, lower case', () => {
    const md5 = 'A1E3EA3E6C6B8B8B56DB0FA257B8FBD0';
    const sha1 = '0b6fa704db421824cf65df9ea74130c2254425e4';
    const sha256 = '61225b37e001f8083be6a051bee53d3a17c8d9154c161e702bfd91b4fa97ca8f';
    const sha512 = sha256 + sha256.split('').toReversed().join('');
    expect(found(`${md5} ${sha1} ${sha256} ${sha512}`)).toEqual([
      `md5:${md5.toLowerCase()}`,
      `sha1:${sha1}`,
      `sha256:${sha256}`,
      `sha512:${sha512}`,
    ]);
  });

  it('hashes: allowed delimiters and labels', () => {
    const h = '38699b9addfd65a516b6ea8cd91b50937f73ef7e62ebdf7d6d7ce138a888c4f0';
    expect(
      valuesOf(`${h}.bin ${h}_unpacked.dll SHA256=${h.toUpperCase()} sha256:${h}`, 'sha256'),
    ).toEqual([h]);
    expect(
      found('035f3a0c6e292c249c4e11ad54fe3f57:2787f0102f47f69d15769076fd00a05ab73b16cb'),
    ).toEqual([
      'md5:035f3a0c6e292c249c4e11ad54fe3f57',
      'sha1:2787f0102f47f69d15769076fd00a05ab73b16cb',
    ]);
  });

  it('hashes: a hash split over two lines under its label is one hash', () => {
    const text =
      'Stage-2 SHA-256:\n851b149c2a6023f58cb4f44bc6fd1ef0\n747a29981d82d36934bfdbae5f147cc6\n';
    expect(found(text)).toEqual([
      'sha256:851b149c2a6023f58cb4f44bc6fd1ef0747a29981d82d36934bfdbae5f147cc6',
    ]);
    const two = 'MD5 list:\n851b149c2a6023f58cb4f44bc6fd1ef0\n747a29981d82d36934bfdbae5f147cc6\n';
    expect(found(two)).toEqual([
      'md5:851b149c2a6023f58cb4f44bc6fd1ef0',
      'md5:747a29981d82d36934bfdbae5f147cc6',
    ]);
  });

  it('cve: any case, Unicode hyphens, upper-case output', () => {
    expect(
      valuesOf('cve-2023-36884, CVE\u20112024\u201321412 and CVE-2021-44228/CVE-2021-45046', 'cve'),
    ).toEqual(['CVE-2023-36884', 'CVE-2024-21412', 'CVE-2021-44228', 'CVE-2021-45046']);
    expect(valuesOf("CVE-2023-38831's impact", 'cve')).toEqual(['CVE-2023-38831']);
  });

  it('asn: AS13335, AS 13335, ASN 13335 all give AS13335', () => {
    expect(valuesOf('AS9009, ASN 44477 and AS 210644 (AS9009)', 'asn')).toEqual([
      'AS9009',
      'AS44477',
      'AS210644',
    ]);
  });

  it('mitre-attack: techniques and sub-techniques, slash lists, Sigma tags, ATT&CK URLs', () => {
    expect(
      valuesOf(
        'T1059.001, T1003.001/T1003.003 (T1105) tags: attack.t1218.010 https://attack.mitre.org/techniques/T1566/002/',
        'mitre-attack',
      ),
    ).toEqual(['T1059.001', 'T1003.001', 'T1003.003', 'T1105', 'T1218.010', 'T1566.002']);
  });

  it('btc: P2PKH, P2SH, bech32 and bech32m with valid checksums', () => {
    expect(
      valuesOf(
        '1B4KRoPXk6WniGufgZmx1HD78xsM3CRifw 3D6XXBuWhZrGwHY4dhJk27tvAmyYR4mDZp ' +
          'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4 ' +
          'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
        'btc',
      ),
    ).toEqual([
      '1B4KRoPXk6WniGufgZmx1HD78xsM3CRifw',
      '3D6XXBuWhZrGwHY4dhJk27tvAmyYR4mDZp',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
    ]);
  });

  it('btc: a wrong checksum is not an address', () => {
    expect(valuesOf('1B4KRoPXk6WniGufgZmx1HD78xsM3CRifx', 'btc')).toEqual([]);
    expect(valuesOf('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', 'btc')).toEqual([]);
  });

  it('returns distinct values in order of first appearance, with every span', () => {
    const text = 'evil-a.com 1.2.3.4 evil-a.com EVIL-A.COM';
    const r = extractIocs(text);
    expect(r.iocs.map((i) => i.value)).toEqual(['evil-a.com', '1.2.3.4']);
    expect(r.iocs[0]?.spans).toEqual([
      { start: 0, end: 10 },
      { start: 19, end: 29 },
      { start: 30, end: 40 },
    ]);
    expect(r.iocs[0]?.original).toBe('evil-a.com');
    expect(r.stats.byType).toEqual({ domain: 1, ipv4: 1 });
  });
});
