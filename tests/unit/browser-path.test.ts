import { describe, expect, it } from 'vitest';
import { findBrowser, INSTALL_HINT } from '../e2e/browser-path';

describe('findBrowser', () => {
  it('prefers the env var over the usual paths', () => {
    const exists = (p: string) => p === '/custom/chrome' || p === '/usr/bin/chromium';
    expect(findBrowser({ CHROME_PATH: '/custom/chrome' }, exists)).toBe('/custom/chrome');
  });

  it('fails loudly when the env var points nowhere', () => {
    expect(() => findBrowser({ CHROME_PATH: '/nope' }, () => false)).toThrow(/does not exist/);
  });

  it('falls back to the usual paths', () => {
    expect(findBrowser({}, (p) => p === '/usr/bin/google-chrome')).toBe('/usr/bin/google-chrome');
  });

  it('gives an install hint when there is no browser', () => {
    expect(() => findBrowser({}, () => false)).toThrow(INSTALL_HINT);
  });
});
