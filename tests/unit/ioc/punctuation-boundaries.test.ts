import { describe, expect, it } from 'vitest';
import { found } from './helpers';

// Rule: a value is found wherever its own characters are complete and it is not part of a
// longer token of the same kind, whatever punctuation surrounds it (issue 15).
describe('values next to punctuation runs', () => {
  it('IPv4 after "..", "...", "…" and "!@#"', () => {
    expect(found('see..8.8.8.8 ok')).toEqual(['ipv4:8.8.8.8']);
    expect(found('wait...8.8.8.8')).toEqual(['ipv4:8.8.8.8']);
    expect(found('wait…8.8.8.8')).toEqual(['ipv4:8.8.8.8']);
    expect(found('!@#8.8.8.8')).toEqual(['ipv4:8.8.8.8']);
    expect(found('(.8.8.8.8)')).toEqual(['ipv4:8.8.8.8']);
  });

  it('IPv6 after "..", "...", "…" and "!@#"', () => {
    expect(found('..2606:4700::1111')).toEqual(['ipv6:2606:4700::1111']);
    expect(found('then...2606:4700::1111.')).toEqual(['ipv6:2606:4700::1111']);
    expect(found('then…2606:4700::1111')).toEqual(['ipv6:2606:4700::1111']);
    expect(found('!@#2606:4700::1111')).toEqual(['ipv6:2606:4700::1111']);
  });

  it('false positives: a single dot after a word still glues the token to it', () => {
    expect(found('host.8.8.8.8 a.1.2.3.4')).toEqual([]);
    expect(found('1.8.8.8.8')).toEqual([]);
    expect(found('x.2606:4700::1111')).toEqual([]);
  });

  it('domains, URLs, hashes and e-mails after punctuation runs', () => {
    expect(found('..evil.com ...bad.net !@#worse.org')).toEqual([
      'domain:evil.com',
      'domain:bad.net',
      'domain:worse.org',
    ]);
    expect(found('...http://evil.com/a !@#https://bad.net/x')).toEqual([
      'url:http://evil.com/a',
      'url:https://bad.net/x',
    ]);
    expect(found('...44d88612fea8a8f36de82e1278abb02f')).toEqual([
      'md5:44d88612fea8a8f36de82e1278abb02f',
    ]);
    expect(found('...john@evil.com')).toEqual(['email:john@evil.com']);
  });

  it('false positives: a lone "#"/"$" sigil still marks code', () => {
    expect(found('#main.active and $this.app')).toEqual([]);
  });
});
