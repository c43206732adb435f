import { describe, expect, it } from 'vitest';
import {
  clip,
  defaultDescription,
  defaultTitle,
  excerpt,
  hostOf,
  webSource,
} from '../../../utils/capture/text-rules';

const page = {
  pageTitle: 'Operation Glasswing',
  pageUrl: 'https://research.example/blog/x',
  host: 'research.example',
};

describe('title rules', () => {
  it('selection: the first non-empty line, trimmed and whitespace-collapsed', () => {
    expect(
      defaultTitle({
        ...page,
        kind: 'selection',
        text: '\n  \n   Command  and\tcontrol  \nsecond line',
      }),
    ).toBe('Command and control');
  });

  it('selection: at most 120 characters, ending in an ellipsis when cut', () => {
    const long = 'x'.repeat(119) + 'yz and more';
    const title = defaultTitle({ ...page, kind: 'selection', text: long });
    expect([...title]).toHaveLength(120);
    expect(title.endsWith('…')).toBe(true);
    expect(title.startsWith('x'.repeat(119))).toBe(true);
    // Exactly 120 stays as it is.
    const exact = 'a'.repeat(120);
    expect(defaultTitle({ ...page, kind: 'selection', text: exact })).toBe(exact);
  });

  it('selection: never cuts a surrogate pair in half', () => {
    const title = defaultTitle({ ...page, kind: 'selection', text: '😀'.repeat(130) });
    expect([...title]).toHaveLength(120);
    expect(title).toBe('😀'.repeat(119) + '…');
  });

  it('selection without any text: "IOCs from <host>"', () => {
    expect(defaultTitle({ ...page, kind: 'selection', text: ' \n\t\n ' })).toBe(
      'IOCs from research.example',
    );
    expect(defaultTitle({ ...page, kind: 'selection' })).toBe('IOCs from research.example');
  });

  it('no host (file:, browser pages): falls back to the address', () => {
    expect(
      defaultTitle({
        kind: 'selection',
        text: '',
        pageTitle: '',
        pageUrl: 'file:///tmp/a.txt',
        host: '',
      }),
    ).toBe('IOCs from file:///tmp/a.txt');
    expect(defaultTitle({ kind: 'page', pageTitle: '', pageUrl: '', host: '' })).toBe(
      'IOCs from a web page',
    );
  });

  it('link: its text, else its URL', () => {
    expect(
      defaultTitle({
        ...page,
        kind: 'link',
        text: '  this shared\n invoice ',
        linkUrl: 'http://a.example/x',
      }),
    ).toBe('this shared invoice');
    expect(
      defaultTitle({ ...page, kind: 'link', text: '   ', linkUrl: 'http://a.example/x' }),
    ).toBe('http://a.example/x');
  });

  it('page: the page title, else "IOCs from <host>"', () => {
    expect(defaultTitle({ ...page, kind: 'page', text: 'ignored' })).toBe('Operation Glasswing');
    expect(defaultTitle({ ...page, kind: 'page', pageTitle: '  ' })).toBe(
      'IOCs from research.example',
    );
  });

  it('keeps hostile text as text (only trims it) and drops control and bidi-override characters', () => {
    expect(
      defaultTitle({
        ...page,
        kind: 'page',
        pageTitle: 'a\u0000<img src=x onerror=alert(1)>\u202eexe.pdf',
      }),
    ).toBe('a<img src=x onerror=alert(1)>exe.pdf');
  });
});

describe('description rules', () => {
  it('selection: source URL, page title, and an excerpt of at most 500 characters', () => {
    const text = `Beacons to 45.137.21[.]9\n\n\n   and   185.225.74[.]51 ${'z'.repeat(600)}`;
    const description = defaultDescription({ ...page, kind: 'selection', text });
    const [source, title, blank, label, ...rest] = description.split('\n');
    expect(source).toBe('Source: https://research.example/blog/x');
    expect(title).toBe('Page: Operation Glasswing');
    expect(blank).toBe('');
    expect(label).toBe('Excerpt:');
    const quoted = rest.join('\n');
    expect([...quoted].length).toBe(500);
    expect(quoted.startsWith('Beacons to 45.137.21[.]9\nand 185.225.74[.]51 zzz')).toBe(true);
    expect(quoted.endsWith('…')).toBe(true);
  });

  it('selection: a short excerpt is kept whole', () => {
    expect(defaultDescription({ ...page, kind: 'selection', text: 'one line' })).toBe(
      'Source: https://research.example/blog/x\nPage: Operation Glasswing\n\nExcerpt:\none line',
    );
  });

  it('link: the link and its text, no excerpt', () => {
    expect(
      defaultDescription({
        ...page,
        kind: 'link',
        text: 'invoice',
        linkUrl: 'http://evil.example/x.iso',
      }),
    ).toBe(
      'Source: https://research.example/blog/x\nPage: Operation Glasswing\nLink: http://evil.example/x.iso\nLink text: invoice',
    );
  });

  it('page: source and title only', () => {
    expect(defaultDescription({ ...page, kind: 'page', text: 'whole page text' })).toBe(
      'Source: https://research.example/blog/x\nPage: Operation Glasswing',
    );
  });

  it('without a title or URL it still says where it came from', () => {
    expect(defaultDescription({ kind: 'page', pageTitle: '', pageUrl: '' })).toBe(
      'Source: unknown',
    );
  });
});

describe('helpers', () => {
  it('clip, excerpt, hostOf, webSource', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
    expect(excerpt('  a \r\n\r\n b  ')).toBe('a\nb');
    expect(hostOf('https://Research.Example:8443/x')).toBe('research.example');
    expect(hostOf('not a url')).toBe('');
    // Browser pages have no site: the title falls back to their address.
    expect(hostOf('chrome://version/')).toBe('');
    expect(
      defaultTitle({
        kind: 'page',
        pageTitle: '',
        pageUrl: 'chrome://version/',
        host: hostOf('chrome://version/'),
      }),
    ).toBe('IOCs from chrome://version/');
    expect(webSource('page', 'http://127.0.0.1:5/p', ' T\n ')).toEqual({
      kind: 'page',
      url: 'http://127.0.0.1:5/p',
      pageTitle: 'T',
      host: '127.0.0.1',
      ctixObjectIds: [],
    });
  });
});
