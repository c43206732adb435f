/**
 * npm run eval:corpus [-- --errors] [-- --set dev]
 *
 * Runs extractIocs over every document of the corpus set and scores the predictions with the
 * corpus scorer (python3 score.py). Two runs:
 *   1. includePrivateIps: true, scored on the full gold (the corpus lists private IPs, flagged);
 *   2. default options (private IPs dropped), scored with --exclude-private.
 * The corpus location is ../shared/corpus from the repo root, or CORPUS_DIR.
 *
 * The corpus labels 14 types. The types added by issue 15 (mac, ssdeep, sha224, sha384,
 * registry-key, filename) are outside its scope: they are left out of the scored predictions
 * (--ignore-types) and listed after the runs instead, so they can be read but cannot count
 * as false positives against labels that never covered them. Their accuracy is pinned by the
 * labelled fixtures in tests/unit/ioc/new-types.test.ts.
 */

import { extractIocs, type ExtractOptions } from '../utils/ioc/index';
import { CORPUS_UNLABELLED_TYPES } from '../bench/lib/corpus';
import {
  loadDocs,
  locateCorpus,
  score,
  type Prediction,
  type ScoreResult,
} from '../bench/lib/corpus';

const argv = process.argv.slice(2);
const setIdx = argv.indexOf('--set');
const setName = setIdx >= 0 ? argv[setIdx + 1] : undefined;
const scorerArgs = [
  '--ignore-types',
  CORPUS_UNLABELLED_TYPES.join(','),
  ...argv.filter((a, i) => a !== '--set' && (setIdx < 0 || i !== setIdx + 1)),
];

const loc = locateCorpus(setName);
const docs = loadDocs(loc.set);

function predict(options: ExtractOptions): { preds: Prediction[]; ms: number; chars: number } {
  let ms = 0;
  let chars = 0;
  const preds = docs.map((d) => {
    const r = extractIocs(d.text, options);
    ms += r.stats.ms;
    chars += r.stats.scannedChars;
    return { doc: d.name, iocs: r.iocs.map((i) => ({ type: i.type, value: i.value })) };
  });
  return { preds, ms, chars };
}

function verdict(r: ScoreResult): string {
  const worst = r.perType.filter((t) => t.gold > 0).reduce((a, b) => (b.f1 < a.f1 ? b : a));
  const microOk = r.micro.f1 >= 0.97;
  const typesOk = worst.f1 >= 0.9;
  return (
    `goal micro-F1 >= 0.97: ${microOk ? 'met' : 'NOT met'} (${r.micro.f1.toFixed(3)}); ` +
    `every type >= 0.90: ${typesOk ? 'met' : 'NOT met'} (lowest ${worst.type} ${worst.f1.toFixed(3)})`
  );
}

console.log(`corpus set: ${loc.set} (${docs.length} documents)\n`);

const full = predict({ includePrivateIps: true });
console.log('== Run 1: includePrivateIps: true, full gold');
const r1 = score(loc, full.preds, scorerArgs);
console.log(r1.report.trimEnd());
console.log(verdict(r1));
console.log(`extraction time: ${full.ms.toFixed(1)} ms for ${full.chars} chars\n`);

const defaults = predict({});
console.log('== Run 2: default options (private IPs dropped), scored with --exclude-private');
const r2 = score(loc, defaults.preds, ['--exclude-private', ...scorerArgs]);
console.log(r2.report.trimEnd());
console.log(verdict(r2));

const unlabelled = new Set<string>(CORPUS_UNLABELLED_TYPES);
const extra = full.preds.flatMap((p) =>
  p.iocs.filter((i) => unlabelled.has(i.type)).map((i) => `  ${p.doc}  ${i.type}  ${i.value}`),
);
console.log(
  `\n== Types the corpus does not label (${CORPUS_UNLABELLED_TYPES.join(', ')}): ` +
    `${extra.length} predictions in run 1, not scored`,
);
for (const line of extra) console.log(line);
