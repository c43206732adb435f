/**
 * extractIocs: size cap, refanged view, then the scanner passes in an order that lets earlier
 * passes claim text for later ones (URLs own their hosts, e-mail addresses own their local
 * parts and hosts, IPv6 owns its hex groups). Every pass is linear in the text length.
 */

import {
  IOC_TYPES,
  DEFAULT_MAX_BYTES,
  type ExtractOptions,
  type ExtractResult,
  type IocType,
} from './types';
import { buildView } from './refang';
import { TextIndex } from './text-index';
import { IntervalSet } from './interval-set';
import { Collector } from './collector';
import { compileAllowlist, compileExclusions } from './allowlist';
import type { ScanContext } from './scan-context';
import { scanUrls } from './scan-urls';
import { scanIpv6 } from './scan-ipv6';
import { scanEmails } from './scan-emails';
import { scanWords } from './scan-words';
import { scanTokens } from './scan-tokens';
import { scanMacDashes } from './scan-mac';
import { scanRegistry } from './scan-registry';
import { resetHostnameCaches } from './hostname';
import { resetIpCaches } from './ip';
import { resetWordCache } from './scan-domains';

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * Length (in UTF-16 units) of the longest prefix of `text` whose UTF-8 encoding fits in
 * `maxBytes`, moved back to the last whitespace within 4 KiB so that no IOC is cut in half.
 */
export function capLength(text: string, maxBytes: number): number {
  if (text.length * 3 <= maxBytes) return text.length;
  let bytes = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    let size: number;
    let units = 1;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        size = 4;
        units = 2;
      } else size = 3;
    } else size = 3;
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += units;
  }
  if (i >= n) return n;
  for (let k = i; k > 0 && i - k < 4096; k--) {
    const c = text.charCodeAt(k - 1);
    if (c === 32 || c === 10 || c === 13 || c === 9) return k;
  }
  return i;
}

export function extractIocs(text: string, options: ExtractOptions = {}): ExtractResult {
  const t0 = now();
  resetHostnameCaches();
  resetIpCaches();
  resetWordCache();
  const input = typeof text === 'string' ? text : String(text);
  const maxBytes =
    options.maxBytes !== undefined && options.maxBytes >= 0 ? options.maxBytes : DEFAULT_MAX_BYTES;
  const cut = capLength(input, maxBytes);
  const scanned = cut === input.length ? input : input.slice(0, cut);

  const { view, map } = buildView(scanned, options.refang !== false);
  const enabled = new Set<IocType>(options.types ?? IOC_TYPES);
  const out = new Collector(scanned, map, {
    enabled,
    includePrivateIps: options.includePrivateIps === true,
    allowlist:
      options.allowlist && options.allowlist.length > 0
        ? compileAllowlist(options.allowlist)
        : null,
    exclusions:
      options.excludeDomains && options.excludeDomains.length > 0
        ? compileExclusions(options.excludeDomains)
        : null,
  });
  const ctx: ScanContext = {
    text: scanned,
    view,
    map,
    index: new TextIndex(view),
    claims: new IntervalSet(),
    urlPaths: new IntervalSet(),
    out,
  };

  scanUrls(ctx);
  ctx.claims.seal();
  ctx.urlPaths.seal();
  scanIpv6(ctx);
  ctx.claims.seal();
  scanEmails(ctx);
  ctx.claims.seal();
  scanWords(ctx);
  scanTokens(ctx);
  scanMacDashes(ctx);
  scanRegistry(ctx);

  const iocs = out.finish();
  const byType: Partial<Record<IocType, number>> = {};
  for (const ioc of iocs) byType[ioc.type] = (byType[ioc.type] ?? 0) + 1;
  return {
    iocs,
    truncated: cut < input.length,
    stats: { inputChars: input.length, scannedChars: cut, ms: now() - t0, byType },
  };
}
