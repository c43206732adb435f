import { describe, expect, it } from 'vitest';
import { found } from './helpers';

// Rule: the local part is RFC 5322 dot-atom text (issue 15); never a shorter address.
describe('e-mail local part follows RFC 5322 atext', () => {
  it('atext punctuation stays in the local part', () => {
    expect(found('mail a#b@evil.com now')).toEqual(['email:a#b@evil.com']);
    expect(found("o'brien@evil.com")).toEqual(["email:o'brien@evil.com"]);
    expect(found('x{y}z@evil.com')).toEqual(['email:x{y}z@evil.com']);
    expect(found('!def!xyz%abc@evil.com')).toEqual(['email:!def!xyz%abc@evil.com']);
    expect(found('a*b|c~d^e`f@evil.com')).toEqual(['email:a*b|c~d^e`f@evil.com']);
    expect(found('$A12345@evil.com')).toEqual(['email:$A12345@evil.com']);
  });

  it('an "@" inside a punctuation run is not a handle prefix', () => {
    expect(found('!@#john@evil.com')).toEqual(['email:#john@evil.com']);
  });

  it('false positives: dots and quoting around the address', () => {
    expect(found('a..b@evil.com')).not.toContain('email:b@evil.com');
    expect(found("'john@evil.com'")).toEqual(['email:john@evil.com']);
    expect(found('`john@evil.com`')).toEqual(['email:john@evil.com']);
    expect(found('@user@mastodon.social')).toEqual([]);
    expect(found('https://evil.com/?u=k.nowak@evil.com')).toContain('email:k.nowak@evil.com');
  });
});
