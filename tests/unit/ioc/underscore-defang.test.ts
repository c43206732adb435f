import { describe, expect, it } from 'vitest';
import { found } from './helpers';

// Underscore defangs (issue 15): h__p/h__ps for http/https, "__" for "://" after a scheme.
describe('underscore defang spellings', () => {
  it('h__p / h__ps schemes', () => {
    expect(found('h__p://evil.com/a')).toEqual(['url:http://evil.com/a']);
    expect(found('get h__ps://evil.com/a now')).toEqual(['url:https://evil.com/a']);
  });

  it('"__" for "://" after a defanged scheme', () => {
    expect(found('hxxps__evil.com')).toEqual(['url:https://evil.com']);
    expect(found('h__ps__evil.com/a')).toEqual(['url:https://evil.com/a']);
    expect(found('hxxp__203.0.113.9/x')).toEqual(['url:http://203.0.113.9/x']);
  });

  it('false positives: snake_case identifiers stay unchanged', () => {
    expect(found('hxxp__init__.py my_h__ps__evil.com h__p_handler() hxxps__handler = 1')).toEqual(
      [],
    );
  });
});
