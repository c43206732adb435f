/**
 * Whether a page can host the in-page dialog. Browser pages, other extensions, the web stores
 * and the PDF viewer refuse scripting (or the script lands somewhere the user cannot see),
 * so the review opens in an extension window instead. executeScript failing is the final
 * word; this check only saves a round trip for the cases known up front.
 */

const SCRIPTABLE_SCHEMES = new Set(['http:', 'https:', 'file:']);

/** Hosts where Chrome and Edge forbid extension scripts (the web stores). */
const STORE_HOSTS: readonly { host: string; path?: string }[] = [
  { host: 'chromewebstore.google.com' },
  { host: 'chrome.google.com', path: '/webstore' },
  { host: 'microsoftedge.microsoft.com', path: '/addons' },
  { host: 'addons.mozilla.org' },
];

export function canScriptUrl(url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!SCRIPTABLE_SCHEMES.has(parsed.protocol)) return false;
  const host = parsed.hostname.toLowerCase();
  return !STORE_HOSTS.some(
    (s) => host === s.host && (s.path === undefined || parsed.pathname.startsWith(s.path)),
  );
}

/** The PDF viewer shows the PDF's own URL; its document is not a place for our dialog. */
export function isPdfDocument(contentType: string | undefined): boolean {
  return contentType === 'application/pdf';
}
