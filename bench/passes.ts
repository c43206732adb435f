/**
 * Where the time of one extraction goes, pass by pass (issue 15 profiling aid):
 *   npx tsx bench/passes.ts
 * Replays extractIocs' passes over the bench's mixed 5 MB document and prints each pass's
 * fastest and median wall time (PASS_CPU=1: process CPU time) over PASS_RUNS runs
 * (default 7), next to one /\./g regex pass. The fastest run is the least disturbed by
 * other work on a shared machine.
 */

import { buildView } from '../utils/ioc/refang';
import { TextIndex } from '../utils/ioc/text-index';
import { IntervalSet } from '../utils/ioc/interval-set';
import { Collector } from '../utils/ioc/collector';
import type { ScanContext } from '../utils/ioc/scan-context';
import { scanUrls } from '../utils/ioc/scan-urls';
import { scanIpv6 } from '../utils/ioc/scan-ipv6';
import { scanEmails } from '../utils/ioc/scan-emails';
import { scanWords } from '../utils/ioc/scan-words';
import { scanTokens } from '../utils/ioc/scan-tokens';
import { scanMacDashes } from '../utils/ioc/scan-mac';
import { scanRegistry } from '../utils/ioc/scan-registry';
import { resetHostnameCaches } from '../utils/ioc/hostname';
import { resetIpCaches } from '../utils/ioc/ip';
import { resetWordCache } from '../utils/ioc/scan-domains';
import { IOC_TYPES } from '../utils/ioc/types';
import { loadDocs, locateCorpus } from './lib/corpus';
import { mixedDocument } from './lib/inputs';

const text = mixedDocument(loadDocs(locateCorpus().set), 5 * 1024 * 1024);
const runs = Number(process.env.PASS_RUNS ?? 7);
/** PASS_SKIP=filename,mac: types left out (to see what one type costs). */
const skip = (process.env.PASS_SKIP ?? '').split(',');
const times = new Map<string, number[]>();
// CPU time of this process (user + system, µs -> ms): less disturbed than wall time by other
// work on a shared machine.
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const clock = process.env.PASS_CPU ? cpu : (): number => performance.now();
const lap = (name: string, t0: number): number => {
  const t = clock();
  const list = times.get(name) ?? [];
  list.push(t - t0);
  times.set(name, list);
  return t;
};
for (let r = 0; r < runs; r++) {
  resetHostnameCaches();
  resetIpCaches();
  resetWordCache();
  let t = clock();
  const { view, map } = buildView(text, true);
  t = lap('refang view', t);
  const index = new TextIndex(view);
  t = lap('text index', t);
  const out = new Collector(text, map, {
    enabled: new Set(IOC_TYPES.filter((type) => !skip.includes(type))),
    includePrivateIps: false,
    allowlist: null,
    exclusions: null,
  });
  const ctx: ScanContext = {
    text,
    view,
    map,
    index,
    claims: new IntervalSet(),
    urlPaths: new IntervalSet(),
    out,
  };
  scanUrls(ctx);
  ctx.claims.seal();
  ctx.urlPaths.seal();
  t = lap('urls', t);
  scanIpv6(ctx);
  ctx.claims.seal();
  t = lap('ipv6 (+mac, ssdeep)', t);
  scanEmails(ctx);
  ctx.claims.seal();
  t = lap('emails', t);
  scanWords(ctx);
  t = lap('words (domains, ipv4, files)', t);
  scanTokens(ctx);
  t = lap('tokens (hashes, btc, cve …)', t);
  scanMacDashes(ctx);
  scanRegistry(ctx);
  t = lap('mac dashes, registry', t);
  out.finish();
  lap('collector finish', t);
  const b0 = clock();
  void (text.match(/\./g) ?? []).length;
  lap('baseline /\\./g', b0);
}
const med = (xs: number[]): number => xs.toSorted((a, b) => a - b)[xs.length >> 1] ?? 0;
let total = 0;
let totalMin = 0;
console.log(`${'pass'.padEnd(30)} ${'fastest'.padStart(9)} ${'median'.padStart(9)}`);
for (const [name, xs] of times) {
  if (!name.startsWith('baseline')) {
    total += med(xs);
    totalMin += Math.min(...xs);
  }
  console.log(
    `${name.padEnd(30)} ${Math.min(...xs)
      .toFixed(1)
      .padStart(6)} ms ${med(xs).toFixed(1).padStart(6)} ms`,
  );
}
console.log(
  `${'sum of passes'.padEnd(30)} ${totalMin.toFixed(1).padStart(6)} ms ${total.toFixed(1).padStart(6)} ms`,
);
