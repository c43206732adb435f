import { describe, expect, it } from 'vitest';
import {
  deriveRespondUiUrl,
  normaliseCtixBase,
  normaliseRespondBase,
  originPattern,
} from '../../../utils/cyware/base-url';

describe('normaliseCtixBase', () => {
  it.each([
    ['https://tenant.cyware.com/ctixapi/', 'https://tenant.cyware.com/ctixapi/'],
    ['https://tenant.cyware.com/ctixapi', 'https://tenant.cyware.com/ctixapi/'],
    ['  https://tenant.cyware.com/ctixapi/  ', 'https://tenant.cyware.com/ctixapi/'],
    ['https://tenant.cyware.com', 'https://tenant.cyware.com/ctixapi/'],
    ['https://tenant.cyware.com/', 'https://tenant.cyware.com/ctixapi/'],
    ['tenant.cyware.com/ctixapi', 'https://tenant.cyware.com/ctixapi/'],
    ['https://TENANT.cyware.com/CTIXAPI/', 'https://tenant.cyware.com/ctixapi/'],
    ['https://tenant.cyware.com/ctixapi/openapi', 'https://tenant.cyware.com/ctixapi/openapi/'],
    ['https://tenant.cyware.com/ctixapi/openapi/', 'https://tenant.cyware.com/ctixapi/openapi/'],
    // an API call URL, with a (stale) signature in its query
    [
      'https://tenant.cyware.com/ctixapi/ingestion/threat-data/indicator/1/basic/?AccessID=a&Signature=x',
      'https://tenant.cyware.com/ctixapi/',
    ],
    // UI URLs
    ['https://tenant.cyware.com/ctix/', 'https://tenant.cyware.com/ctixapi/'],
    [
      'https://tenant.cyware.com/ctix/threatdata/indicator/abc#x',
      'https://tenant.cyware.com/ctixapi/',
    ],
    // a UI route that happens to contain "cftr" later in the path is still a CTIX URL
    ['https://tenant.cyware.com/ctix/threatdata/note/cftr', 'https://tenant.cyware.com/ctixapi/'],
    // a path prefix (reverse proxy) is kept
    ['https://proxy.example.com/cyware/ctixapi/', 'https://proxy.example.com/cyware/ctixapi/'],
    // loopback may be plain http, any port
    ['http://127.0.0.1:8787/ctixapi', 'http://127.0.0.1:8787/ctixapi/'],
    ['http://localhost:3000/ctix/threatdata', 'http://localhost:3000/ctixapi/'],
    ['https://tenant.cyware.com:8443/ctixapi', 'https://tenant.cyware.com:8443/ctixapi/'],
  ])('%s → %s', (input, base) => {
    const result = normaliseCtixBase(input);
    expect(result).toMatchObject({ ok: true, base });
  });

  it('gives the origin and the UI root', () => {
    expect(normaliseCtixBase('https://proxy.example.com/cyware/ctixapi')).toEqual({
      ok: true,
      base: 'https://proxy.example.com/cyware/ctixapi/',
      origin: 'https://proxy.example.com',
      uiUrl: 'https://proxy.example.com/cyware/ctix/',
    });
  });

  it.each([
    ['', /Enter the Intel Exchange URL/],
    ['   ', /Enter the Intel Exchange URL/],
    ['http://tenant.cyware.com/ctixapi/', /Use https/],
    ['http://10.0.0.5/ctixapi/', /Use https/],
    ['ftp://tenant.cyware.com/ctixapi/', /Use an https:\/\/ URL/],
    ['https://user:pw@tenant.cyware.com/ctixapi/', /user name and password/],
    ['https://tenant.cyware.com/cftrapi/openapi/', /Respond URL/],
    ['https://tenant.cyware.com/cftr/incidents/', /Respond URL/],
    ['https://tenant.cyware.com/login', /Unexpected path "\/login"/],
    ['https://exa mple.com/', /not a valid URL/],
  ])('refuses %j', (input, error) => {
    const result = normaliseCtixBase(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

describe('normaliseRespondBase', () => {
  it.each([
    ['https://tenant.cyware.com/cftrapi/openapi/', 'https://tenant.cyware.com/cftrapi/openapi/'],
    ['https://tenant.cyware.com/cftrapi/openapi', 'https://tenant.cyware.com/cftrapi/openapi/'],
    ['https://tenant.cyware.com/cftrapi', 'https://tenant.cyware.com/cftrapi/openapi/'],
    ['https://tenant.cyware.com', 'https://tenant.cyware.com/cftrapi/openapi/'],
    ['https://tenant.cyware.com/cftr/', 'https://tenant.cyware.com/cftrapi/openapi/'],
    [
      'https://tenant.cyware.com/cftr/incidents/1234/',
      'https://tenant.cyware.com/cftrapi/openapi/',
    ],
    [
      'https://tenant.cyware.com/cftrapi/openapi/v1/incident/?page=1',
      'https://tenant.cyware.com/cftrapi/openapi/',
    ],
    ['http://127.0.0.1:9000/cftrapi/openapi', 'http://127.0.0.1:9000/cftrapi/openapi/'],
  ])('%s → %s', (input, base) => {
    expect(normaliseRespondBase(input)).toMatchObject({ ok: true, base });
  });

  it('derives the UI URL beside the API', () => {
    expect(normaliseRespondBase('https://tenant.cyware.com/cftrapi/openapi')).toEqual({
      ok: true,
      base: 'https://tenant.cyware.com/cftrapi/openapi/',
      origin: 'https://tenant.cyware.com',
      uiUrl: 'https://tenant.cyware.com/cftr/',
    });
  });

  it.each([
    ['https://tenant.cyware.com/ctixapi/', /Intel Exchange URL/],
    ['http://tenant.cyware.com/cftrapi/openapi/', /Use https/],
    ['https://tenant.cyware.com/soarapi/openapi/', /Unexpected path/],
  ])('refuses %j', (input, error) => {
    const result = normaliseRespondBase(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

describe('deriveRespondUiUrl', () => {
  it.each([
    ['https://tenant.cyware.com/cftrapi/openapi/', 'https://tenant.cyware.com/cftr/'],
    ['https://p.example.com/x/cftrapi/openapi/', 'https://p.example.com/x/cftr/'],
    ['http://127.0.0.1:9000/cftrapi/openapi/', 'http://127.0.0.1:9000/cftr/'],
  ])('%s → %s', (base, ui) => {
    expect(deriveRespondUiUrl(base)).toBe(ui);
  });
});

describe('originPattern', () => {
  it.each([
    ['https://tenant.cyware.com/ctixapi/', 'https://tenant.cyware.com/*'],
    ['https://tenant.cyware.com:8443/ctixapi/', 'https://tenant.cyware.com/*'],
    ['http://127.0.0.1:8787/ctixapi/', 'http://127.0.0.1/*'],
    ['http://localhost:3000/cftrapi/openapi/', 'http://localhost/*'],
  ])('%s → %s (match patterns carry no port)', (base, pattern) => {
    expect(originPattern(base)).toBe(pattern);
  });
});
