/**
 * Our elements on Intel Exchange pages: each in its own shadow root, so tenant CSS cannot break
 * them and they cannot break the tenant's. Closed in production (page scripts cannot read the
 * incident IDs they list); the e2e build opens them so puppeteer can reach in.
 */

export const HOST_PREFIX = 'cftr-ov-';

const OPEN_FOR_TESTS = import.meta.env.VITE_E2E === '1';

// Inline hosts sit on the tenant's own panels: their text follows the page's colour (the
// system's dark mode says nothing about a light tenant page). Floating hosts draw their own
// background, so they set their own colours (and follow the system's scheme) in their CSS.
export const BASE_CSS = `
:host { all: initial; color: inherit; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
* { box-sizing: border-box; }
button { font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff; padding: 4px 10px; }
button.secondary { background: transparent; color: inherit; border-color: currentColor; }
button:disabled { opacity: .55; cursor: not-allowed; }
button:focus-visible, a:focus-visible, input:focus-visible { outline: 2px solid #f59e0b; outline-offset: 2px; }
a { color: inherit; text-decoration: underline; }
.muted { opacity: .72; }
.error { color: #b91c1c; font-weight: 600; }
.floating, .bar { color: #111827; }
@media (prefers-color-scheme: dark) {
  .floating, .bar { color: #e5e7eb; }
  .floating .error, .bar .error { color: #fca5a5; }
}
`;

export interface Host {
  element: HTMLElement;
  root: ShadowRoot;
}

// One parsed stylesheet per kind of host, shared by every row: a <style> per row would be parsed
// again for each of them. Where constructable sheets fail in a content script (older Firefox),
// each host gets its own <style>.
const sheets = new Map<string, CSSStyleSheet | null>();

function sheetFor(css: string): CSSStyleSheet | null {
  if (!sheets.has(css)) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    } catch {
      sheets.set(css, null);
    }
  }
  return sheets.get(css) ?? null;
}

/** A custom element with a shadow root and our styles; the caller places `element`. */
export function createHost(doc: Document, name: string, css = ''): Host {
  const element = doc.createElement(`${HOST_PREFIX}${name}`);
  const root = element.attachShadow({ mode: OPEN_FOR_TESTS ? 'open' : 'closed' });
  const text = BASE_CSS + css;
  const sheet = sheetFor(text);
  try {
    if (!sheet) throw new Error('no constructable sheet');
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = text;
    root.append(style);
  }
  return { element, root };
}

/** An element with text (never HTML) and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * 1234567 → "1,234,567". Not toLocaleString: its first call in a page loads the number
 * formatting data, about 30 ms of main thread the tenant's page would pay on first load.
 */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export const isOurs = (node: Node): boolean =>
  node instanceof Element && node.localName.startsWith(HOST_PREFIX);
