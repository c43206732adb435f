/**
 * Profiling helper for the extraction engine (issue 15):
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-extract.ts
 * Runs extractIocs over the bench's mixed 5 MB document PROFILE_RUNS times (default 10) and
 * prints the time of each run, so a CPU profile of the steady state can be taken.
 */

import { extractIocs } from '../utils/ioc/index';
import { loadDocs, locateCorpus } from './lib/corpus';
import { mixedDocument } from './lib/inputs';

const MB = 1024 * 1024;
const runs = Number(process.env.PROFILE_RUNS ?? 10);
const text = mixedDocument(loadDocs(locateCorpus().set), 5 * MB);
const times: number[] = [];
for (let k = 0; k < runs; k++) {
  const t0 = performance.now();
  extractIocs(text);
  times.push(performance.now() - t0);
}
const t0 = performance.now();
const dots = (text.match(/\./g) ?? []).length;
const base = performance.now() - t0;
console.log(
  `extractIocs on ${(text.length / MB).toFixed(1)} MB: ${times.map((t) => t.toFixed(0)).join(' ')} ms; ` +
    `one /\\./g pass: ${base.toFixed(1)} ms (${dots} dots)`,
);
