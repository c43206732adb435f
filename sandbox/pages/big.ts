// /pages/big.html?mb=N: about N MiB of article-like text with IOCs sprinkled in, for extraction
// benchmarks. Deterministic for a given N (seeded PRNG), so runs are comparable.
import { KNOWN } from '../known';
import { escapeHtml } from '../html';
import { createRng } from '../prng';
import * as gen from '../seed-values';

export const MAX_BIG_MB = 50;

const SENTENCES = [
  'The operators rotated infrastructure every few days to evade blocking.',
  'Telemetry showed beaconing at regular intervals from several hosts.',
  'Analysts correlated the samples through shared code and certificates.',
  'The loader decrypts its configuration with a hard-coded XOR key.',
  'Persistence is achieved through a scheduled task named after a browser updater.',
  'Network defenders should review proxy logs for the following activity.',
  'No evidence of lateral movement was found in the affected segment.',
  'The phishing kit reused templates observed in earlier campaigns.',
];

const cache = new Map<number, string>();

export function bigPage(mb: number): string {
  const cached = cache.get(mb);
  if (cached !== undefined) return cached;
  const rng = createRng(0xb16 + Math.round(mb * 1000));
  const target = Math.round(mb * 1024 * 1024);
  const head = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Big page ${mb} MB</title></head><body><main><h1>Big page (${mb} MB)</h1>\n`;
  const tail = '</main></body></html>\n';
  const parts: string[] = [head];
  let size = head.length + tail.length;
  const fixed = [KNOWN.ipv4, KNOWN.domain, KNOWN.sha256, KNOWN.url];
  let n = 0;
  while (size < target) {
    const ioc = (() => {
      switch (n++ % 6) {
        case 0:
          return gen.ipv4(rng);
        case 1:
          return gen.domain(rng);
        case 2:
          return rng.hex(64);
        case 3:
          return gen.url(rng, gen.domain(rng));
        case 4:
          return rng.hex(32);
        default:
          return rng.pick(fixed);
      }
    })();
    const text = `${rng.pick(SENTENCES)} ${rng.pick(SENTENCES)} Indicator: ${ioc}. ${rng.pick(SENTENCES)}`;
    const p = `<p>${escapeHtml(text)}</p>\n`;
    parts.push(p);
    size += p.length;
  }
  parts.push(tail);
  const out = parts.join('');
  // Keep a few sizes around: benchmarks request the same page repeatedly.
  if (cache.size >= 4) cache.delete(cache.keys().next().value as number);
  cache.set(mb, out);
  return out;
}
