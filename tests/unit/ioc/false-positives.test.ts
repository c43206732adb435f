import { describe, expect, it } from 'vitest';
import { found, valuesOf } from './helpers';

describe('false-positive classes', () => {
  describe('file names are not domains (rule 27)', () => {
    it('extensions that are not TLDs', () => {
      expect(
        found('invoice.pdf setup.exe report.docx script.ps1 payload.js svcupd.exe rundll32.exe'),
      ).toEqual([]);
    });

    it('extensions that are real TLDs but mostly file types', () => {
      expect(
        found(
          'Files: readme.md, install.sh, loader.py, build.rs, loader.cc, libhook.so, logo.ai, cover.ps, Makefile.mk',
        ),
      ).toEqual([]);
    });

    it('.zip/.mov: attachments are files, defanged names and URL hosts are domains', () => {
      const attachments =
        'Attachments:\n  invoice.pdf\n  q4-invoice.zip   container for setup.exe\n  holiday-video.mov\n';
      expect(found(attachments)).toEqual([]);
      expect(found('Archive «Довідка.zip» attached.')).toEqual([]);
      expect(found('second host: invoice-viewer[.]zip')).toEqual(['domain:invoice-viewer.zip']);
      expect(found('hxxp://promo-clip[.]mov/watch?v=77')).toEqual([
        'url:http://promo-clip.mov/watch?v=77',
      ]);
    });

    it('.zip/.mov named as an attachment in e-mail headers stay files among many domains', () => {
      const headers =
        'Received: from mx.a-b.com by mx.c-d.net\nReturn-Path: <x@e-f.org>\n' +
        'Content-Disposition: attachment; filename="q4-invoice.zip"\n';
      expect(found(headers)).toEqual(['domain:mx.a-b.com', 'domain:mx.c-d.net', 'email:x@e-f.org']);
    });

    it('.zip/.mov in a list of domains are domains', () => {
      const nrd =
        'NRD hits:\nbrand-payroll.app\nbrand-sso.dev\nbrand-cdn.xyz\nbrand-hr.zip\nbrand-onboarding.mov\n';
      expect(valuesOf(nrd, 'domain')).toEqual([
        'brand-payroll.app',
        'brand-sso.dev',
        'brand-cdn.xyz',
        'brand-hr.zip',
        'brand-onboarding.mov',
      ]);
    });

    it('file names inside a URL path are not domains', () => {
      expect(found('h**ps://files.cloudbox-sync[.]xyz/d/Remit_0213.zip /x/setup-2.zip')).toEqual([
        'url:https://files.cloudbox-sync.xyz/d/Remit_0213.zip',
      ]);
    });
  });

  describe('code and CSS identifiers are not domains (rule 28)', () => {
    it('JS/Python objects', () => {
      const code =
        'var cfg = this.app || {}; config.dev && go(); u = user.name; self.network; request.host; ' +
        'user.email; pkg.name; model.fit(X); subprocess.run(cmd); e.target; window.location.href; ' +
        'document.cookie; (New-Object Net.WebClient); JSON.stringify(d); console.log(x)';
      expect(found(code)).toEqual([]);
    });

    it('CSS selectors', () => {
      const css =
        'header.top .nav a.link { color:#fff } div.info > span.store {} section.news.blog { } ' +
        'p.help, img.photo, button.club, ul.menu, div.page.global { margin: 0 }';
      expect(found(css)).toEqual([]);
    });

    it('but real hosts with the same first labels stay domains', () => {
      expect(
        valuesOf('//img.pixel-cdn.shop/t.gif img.example.com link.example.net t.co', 'domain'),
      ).toEqual(['img.pixel-cdn.shop', 'img.example.com', 'link.example.net', 't.co']);
    });

    it('a missing space between sentences is not a domain', () => {
      expect(found('We opened the file.Now it runs.')).toEqual([]);
    });
  });

  describe('versions are not IPs (rules 17–19)', () => {
    it('labelled versions', () => {
      const text =
        'Firmware-Version 7.2.7.1; Build 7.2.8.2; JRE version 1.8.0.201; ver. 2.4.1.8; v10.0.19041.1; ' +
        'FileVersion: 10.0.1.2; version = "1.0.2.3"; "engine_version": "4.2.0.17"; clause 4.2.1.1; § 3.1.4.1';
      expect(found(text)).toEqual([]);
    });

    it('User-Agent product tokens', () => {
      expect(
        found('Mozilla/5.0 (Windows NT 10.0) Chrome/121.0.0.0 Safari/537.36 Edg/121.0.0.0'),
      ).toEqual([]);
    });

    it('a version column of a CSV table', () => {
      const csv = 'indicator,type,sensor_version\n"80.66.75[.]36",ip,4.2.0.17\n';
      expect(found(csv)).toEqual(['ipv4:80.66.75.36']);
    });

    it('longer dotted sequences and invalid octets give nothing, not a sub-match', () => {
      expect(
        found('OID 1.3.6.1.4.1.9 policy 2.23.140.1.2.1 256.10.10.1 10.0.0.300 1.2.3 999.12.3.4'),
      ).toEqual([]);
    });

    it('an unlabelled dotted quad is an IP', () => {
      expect(found('outbound 443 to 198.144.190.22 at 10:32:11')).toEqual(['ipv4:198.144.190.22']);
    });
  });

  describe('times, dates, numbers', () => {
    it('are neither IPv4 nor IPv6', () => {
      expect(
        found(
          '10:30:45 13/Feb/2024:10:30:45 02/13/2024-10:41:07.512344 2024.01.15 15.01.2024 [1:2044387:2] :coffee: 0.75',
        ),
      ).toEqual([]);
    });
  });

  describe('IPv6 look-alikes (rule 22)', () => {
    it('MACs, scopes, ports, certificate byte strings', () => {
      expect(
        found(
          'MAC 00:1a:2b:3c:4d:5e, Cisco 001a.2b3c.4d5e, std::vector<int>, Foo::Bar, :80, ' +
            'Serial Number: 0a:1b:2c:3d:4e:5f:6a:7b, SHA1 Fingerprint=AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01',
        ),
      ).toEqual([]);
    });
  });

  describe('UUIDs, identifiers and keys are not hashes (rules 32–37)', () => {
    it('UUIDs and GUIDs', () => {
      expect(
        found('{8B3F2A6C-1D4E-4F70-9A21-6C0E5B7D9F13} 5f0c2b9e-7a41-4c3d-b8e6-2d9f1a0c7e54'),
      ).toEqual([]);
    });

    it('32-hex values labelled as ids or keys', () => {
      const text =
        'CorrelationId: 5f0c2b9e7a414c3db8e62d9f1a0c7e54\n' +
        'X-Request-ID: 4bf92f3577b34da6a3ce929d0e0e4736\n' +
        'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\n' +
        '$k = "fb69db5ccd6fc758eac754b1e378a9c0" ascii // RC4 key\n' +
        'api_key=0123456789abcdef0123456789abcdef\n';
      expect(found(text)).toEqual([]);
    });

    it('but digests labelled as such stay hashes', () => {
      expect(found('imphash: f34d5f2d4577ed6d9ceec516c1f5a744')).toEqual([
        'md5:f34d5f2d4577ed6d9ceec516c1f5a744',
      ]);
    });

    it('wrong lengths, hex literals, slices of longer runs', () => {
      const h64 = '12abb17ab4d67579cbe6df7b4ab0352b11682db977a421f9b586cc5e86df19c3';
      expect(
        found(
          `0xa18ef731a839d03526eeb5528b936033 af7f0b3e2fe759c5f6f1ece0 702a8ec66256d99b4e2654a6299df309f004287 ${h64}3 ` +
            `adc45e48ea240e01d998bb09b29cd2364c4c56ed791da8da767a8401e1ba28f5e5ee44c0`,
        ),
      ).toEqual([]);
    });

    it('a TLSH digest does not yield an ATT&CK id', () => {
      expect(found('T1' + 'a'.repeat(20) + '4b'.repeat(25))).toEqual([]);
    });

    it('Git commit ids in Git context are not sha1', () => {
      const text =
        '$ git log -2 --format=%H\n180bc8fbc86a31137d3f09de5c5895a855fcaef1 bump\n' +
        'commit bfc36f06cdac15c768607f8185d3815d554cf56d\n' +
        'https://github.com/org/repo/commit/cbeb19c471c2408fa75cc10839dfa38a61bb7d8f\n';
      expect(found(text)).toEqual([
        'url:https://github.com/org/repo/commit/cbeb19c471c2408fa75cc10839dfa38a61bb7d8f',
      ]);
    });
  });

  describe('encoded data is never decoded (rule 13)', () => {
    it('base64, JWT, SRI, percent-encoding', () => {
      const text =
        'atob("aHR0cHM6Ly9leGFtcGxlLm9yZy8=") ' +
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c ' +
        'integrity="sha256-KfkySsWooktV/Xvc/vv+VLZPNGeVxN1TJ/VmUcicUZI=" user=j.doe%40victim-corp.com';
      expect(found(text)).toEqual([]);
    });
  });

  describe('e-mail look-alikes yield nothing (rule 31)', () => {
    it('Message-IDs, handles, userinfo, packages, decorators, localhost', () => {
      const text =
        'Message-ID: <20240213.8C1F2E@mailer.invoice-hub.com>\n' +
        'follow @user@infosec.exchange and @babel/core; lodash@4.17.21 color-utils@2.0.4 @Override ' +
        'user@localhost ftp admin:hunter2@files-relay.net';
      expect(found(text)).toEqual([]);
    });

    it('URL userinfo is part of the URL, not an e-mail', () => {
      expect(found('https://account.microsoft.com@phish-site.top/login')).toEqual([
        'url:https://account.microsoft.com@phish-site.top/login',
      ]);
    });

    it('WebDAV host@SSL gives the host', () => {
      expect(found('\\\\files-relay.net@SSL\\DavWWWRoot\\x.lnk')).toEqual([
        'domain:files-relay.net',
      ]);
    });
  });

  describe('internal names and other negatives', () => {
    it('internal suffixes, bare TLDs, request paths', () => {
      expect(
        found('dc01.corp.local fs02.hq.internal nas.lan a.corp x.localdomain .top /wp-login.php'),
      ).toEqual([]);
    });

    it('CVE, ASN and ATT&CK look-alikes', () => {
      expect(
        found(
          'CWE-787 MS17-010 KB5035845 ZDI-24-232 CVE-2024-XXXX CVE-2024 AS-CHOOPA HOSTKEEP-AS AS/400 as 3 TA0001 G0032 S0650 M1021 DS0022',
        ),
      ).toEqual([]);
    });

    it('prose " dot " is not a defang', () => {
      expect(found('the last dot defanged and one dot com')).toEqual([]);
    });
  });
});
