import { describe, expect, it } from 'vitest';
import { matchRoute, validateRoutePattern } from '../../../utils/routes/match';
import { defaultRoutes } from '../../../utils/settings/defaults';

const routes = defaultRoutes();
const T = 'https://tenant.cyware.com';

describe('matchRoute with the default routes', () => {
  it('matches a threat data object page with its type and id', () => {
    expect(matchRoute(`${T}/ctix/threatdata/indicator/7c1e-42`, routes)).toEqual({
      kind: 'threatData',
      params: { type: 'indicator', id: '7c1e-42' },
    });
  });

  it('matches an object page sub-tab (/basic-details) and ignores query, hash, trailing slash', () => {
    expect(matchRoute(`${T}/ctix/threatdata/malware/m-1/basic-details/?tab=2#x`, routes)).toEqual({
      kind: 'threatData',
      params: { type: 'malware', id: 'm-1' },
    });
    expect(matchRoute(`${T}/ctix/threatdata/malware/m-1/`, routes)?.params.id).toBe('m-1');
  });

  it('matches the list page exactly, not deeper unknown paths', () => {
    expect(matchRoute(`${T}/ctix/threatdata`, routes)).toEqual({
      kind: 'threatDataList',
      params: {},
    });
    expect(matchRoute(`${T}/ctix/threatdata/?page=3`, routes)?.kind).toBe('threatDataList');
    // An object type without an id is neither a list nor an object page.
    expect(matchRoute(`${T}/ctix/threatdata/indicator`, routes)).toBeNull();
  });

  it('matches bulletin and investigation pages', () => {
    expect(matchRoute(`${T}/ctix/threat-bulletin/b-9`, routes)).toEqual({
      kind: 'bulletin',
      params: { id: 'b-9' },
    });
    expect(matchRoute(`${T}/ctix/threat-investigation/c-3`, routes)).toEqual({
      kind: 'investigation',
      params: { id: 'c-3' },
    });
  });

  it('decodes percent-encoded ids and refuses undecodable ones', () => {
    expect(matchRoute(`${T}/ctix/threat-bulletin/a%20b`, routes)?.params.id).toBe('a b');
    expect(matchRoute(`${T}/ctix/threat-bulletin/%E0%A4%A`, routes)).toBeNull();
  });

  it('ignores letter case in literal segments but keeps it in ids', () => {
    expect(matchRoute(`${T}/CTIX/ThreatData/indicator/AbC`, routes)?.params).toEqual({
      type: 'indicator',
      id: 'AbC',
    });
  });

  it('returns null for other pages, bad URLs and non-web schemes', () => {
    expect(matchRoute(`${T}/ctix/dashboard`, routes)).toBeNull();
    expect(matchRoute(`${T}/`, routes)).toBeNull();
    expect(matchRoute('not a url', routes)).toBeNull();
    expect(matchRoute('javascript:alert(1)//ctix/threatdata', routes)).toBeNull();
  });

  it('only matches on the CTIX origin when one is given (port included)', () => {
    const url = 'http://127.0.0.1:8787/ctix/threat-bulletin/b-1';
    expect(matchRoute(url, routes, 'http://127.0.0.1:8787/ctixapi/')?.kind).toBe('bulletin');
    expect(matchRoute(url, routes, 'http://127.0.0.1:9999')).toBeNull();
    expect(matchRoute(`${T}/ctix/threatdata`, routes, 'https://other.cyware.com')).toBeNull();
    expect(matchRoute(`${T}/ctix/threatdata`, routes, 'garbage')).toBeNull();
  });
});

describe('matchRoute with custom routes', () => {
  it('prefers the pattern with more literal segments when several match', () => {
    const custom = {
      ...routes,
      bulletin: '/ctix/{id}',
      investigation: '/ctix/investigations/{id}',
    };
    expect(matchRoute(`${T}/ctix/investigations/42`, custom)).toEqual({
      kind: 'investigation',
      params: { id: '42' },
    });
    expect(matchRoute(`${T}/ctix/b-7`, custom)?.kind).toBe('bulletin');
  });

  it('skips invalid patterns instead of matching them literally', () => {
    const custom = { ...routes, bulletin: '/ctix/{bulletin_id}' };
    expect(matchRoute(`${T}/ctix/{bulletin_id}`, custom)).toBeNull();
  });
});

describe('validateRoutePattern', () => {
  it('accepts the defaults', () => {
    for (const [kind, pattern] of Object.entries(routes)) {
      expect(validateRoutePattern(kind as keyof typeof routes, pattern)).toBeNull();
    }
  });

  it('explains what is wrong', () => {
    expect(validateRoutePattern('bulletin', '')).toMatch(/Enter/);
    expect(validateRoutePattern('bulletin', 'ctix/threat-bulletin/{id}')).toMatch(/Start/);
    expect(validateRoutePattern('bulletin', '/ctix/b?id={id}')).toMatch(/path only/);
    expect(validateRoutePattern('bulletin', '/ctix/b-{id}')).toMatch(/placeholders/);
    expect(validateRoutePattern('bulletin', '/ctix/{name}')).toMatch(/placeholders/);
    expect(validateRoutePattern('threatData', '/ctix/threatdata/{id}')).toMatch(/\{type\}/);
    expect(validateRoutePattern('investigation', '/ctix/inv')).toMatch(/\{id\}/);
    expect(validateRoutePattern('threatDataList', '/ctix/{type}')).toMatch(/no placeholders/);
    expect(validateRoutePattern('threatData', '/x/{id}/{type}/{id}')).toMatch(/at most once/);
  });
});
