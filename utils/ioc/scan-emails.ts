/**
 * E-mail pass (corpus rules 29–31). Anchored on '@' (found with indexOf); the local part is
 * read backwards (at most 64 characters) and the host forwards (at most 254), so the work per
 * '@' is bounded. Valid addresses claim their local part and host (the local part is not a
 * domain, rule 29; the host is not repeated, rule 3). Look-alikes that must yield nothing at
 * all (Message-IDs, fediverse handles, user:pass@host) claim their text too; others
 * (package@version, user@localhost) are simply skipped.
 */

import { LOCAL, has, isAsciiAlnum, isLabelChar } from './chars';
import type { ScanContext } from './scan-context';
import { EMAIL_LABELS } from './context';
import { hostnameToAscii, isPublicHostname } from './hostname';

const MESSAGE_ID_HEADER =
  /^\s*(?:message-id|in-reply-to|references|content-id|x-message-id|resent-message-id)\s*:/i;
const MESSAGE_ID_NEARBY = /(?:message[-_ ]?id|msg[-_]?id)/i;

function isMessageId(ctx: ScanContext, localStart: number): boolean {
  const line = ctx.index.lineOf(localStart);
  const ls = ctx.index.lineStart(line);
  const head = ctx.view.slice(ls, Math.min(ls + 40, ctx.index.lineEnd(line)));
  if (MESSAGE_ID_HEADER.test(head)) return true;
  const near = ctx.view.slice(Math.max(ls, localStart - 40), localStart);
  return MESSAGE_ID_NEARBY.test(near);
}

/**
 * For an address preceded by ':', tells `From:a@b.com` / `mailto:a@b.com` (an address) from
 * `user:pass@host` (URL-style credentials, rule 31).
 */
function isCredentials(v: string, colon: number): boolean {
  let w = colon;
  while (w > 0 && colon - w < 64) {
    const c = v.charCodeAt(w - 1);
    if (isAsciiAlnum(c) || c === 46 || c === 95 || c === 45) w--;
    else break;
  }
  if (w === colon) return false;
  if (EMAIL_LABELS.has(v.slice(w, colon).toLowerCase())) return false;
  const before = w > 0 ? v.charCodeAt(w - 1) : 32;
  // user:pass standing on its own (start, after a space/quote/bracket or "//")
  return (
    before === 32 ||
    before === 9 ||
    before === 10 ||
    before === 13 ||
    before === 34 ||
    before === 39 ||
    before === 40 ||
    before === 60 ||
    before === 47 ||
    before === 44 ||
    before === 61
  );
}

/**
 * Bounce addresses (VERP/SRS, e.g. `bounces+123-user=victim.com@sendgrid.net`) contain '='.
 * '=' is otherwise a delimiter (`?u=k.nowak@host`, `smtp.mailfrom=a@b`), so the local part is
 * extended over it only when the extended part looks like such an address.
 */
function extendVerp(v: string, a: number, at: number): number {
  let b = a;
  while (b > 0 && at - b < 64 && (has(v.charCodeAt(b - 1), LOCAL) || v.charCodeAt(b - 1) === 61))
    b--;
  const ext = v.slice(b, a);
  const lower = ext.toLowerCase();
  return ext.includes('+') || lower.startsWith('srs0=') || lower.startsWith('srs1=') ? b : a;
}

/**
 * RFC 5322 `atext` punctuation, except '=' (a delimiter unless VERP/SRS, see extendVerp) and
 * '/' (a URL path separator: `…/files/john@evil.com`, and the `[/]` defang).
 */
const ATEXT_PUNCT = "!#$%&'*+?^_`{|}~-";

function isAtextPunct(c: number): boolean {
  return c < 128 && ATEXT_PUNCT.includes(String.fromCharCode(c));
}

/** A local-part character: letters, digits, '.', and RFC 5322 atext punctuation. */
function isLocalChar(c: number): boolean {
  return has(c, LOCAL) || isAtextPunct(c);
}

export function scanEmails(ctx: ScanContext): void {
  const v = ctx.view;
  const n = v.length;
  const claimHost = ctx.out.enabled('email');
  let from = 0;
  for (;;) {
    const at = v.indexOf('@', from);
    if (at < 0) break;
    from = at + 1;
    if (ctx.claims.contains(at)) continue;
    let a = at;
    while (a > 0 && at - a <= 64 && isLocalChar(v.charCodeAt(a - 1))) a--;
    if (at - a > 64) continue;
    if (a > 0 && v.charCodeAt(a - 1) === 61) a = extendVerp(v, a, at);
    // Leading dots and quotes are prose ('john@evil.com', …john@evil.com).
    while (a < at && (v.charCodeAt(a) === 46 || v.charCodeAt(a) === 39 || v.charCodeAt(a) === 96))
      a++;
    if (a === at || v.charCodeAt(at - 1) === 46) continue;
    let b = at + 1;
    while (b < n && b - at <= 254 && (isLabelChar(v.charCodeAt(b)) || v.charCodeAt(b) === 46)) b++;
    if (b - at > 254) continue;
    let hb = b;
    while (hb > at + 1 && (v.charCodeAt(hb - 1) === 46 || v.charCodeAt(hb - 1) === 45)) hb--;
    if (hb === at + 1) continue;
    if (ctx.claims.overlaps(a, hb)) continue;

    const prev = a > 0 ? v.charCodeAt(a - 1) : 32;
    // "@user@host" (fediverse handle), but not an '@' inside a punctuation run ("!@#a@b.com").
    const handle = prev === 64 && !(a > 1 && isAtextPunct(v.charCodeAt(a - 2)));
    if (handle || isMessageId(ctx, a) || (prev === 58 && isCredentials(v, a - 1))) {
      // Look-alike: neither an e-mail nor a domain may come out of it.
      let c = a;
      if (handle) c = a - 1;
      else if (prev === 58) {
        c = a - 1;
        while (
          c > 0 &&
          a - c < 64 &&
          (isAsciiAlnum(v.charCodeAt(c - 1)) ||
            v.charCodeAt(c - 1) === 46 ||
            v.charCodeAt(c - 1) === 45 ||
            v.charCodeAt(c - 1) === 95)
        )
          c--;
      }
      ctx.claims.add(c, hb);
      continue;
    }
    const local = v.slice(a, at);
    if (local.includes('..')) continue;
    const host = hostnameToAscii(v.slice(at + 1, hb));
    if (host === null || !isPublicHostname(host)) continue;
    ctx.claims.add(a, claimHost ? hb : at);
    ctx.out.add('email', local + '@' + host, a, hb);
  }
}
