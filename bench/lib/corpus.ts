/**
 * Corpus helpers shared by scripts/eval-corpus.ts and bench/extract.bench.ts: locate the
 * labelled corpus, load its documents, write predictions in the scorer's JSONL format and run
 * the corpus scorer (python3 score.py), which stays the single source of truth for P/R/F1.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CorpusLocation {
  /** Folder holding score.py. */
  root: string;
  /** The set folder (NAME.txt + NAME.json pairs), e.g. <root>/dev. */
  set: string;
}

/**
 * `../shared/corpus` relative to the repository root, or CORPUS_DIR. CORPUS_DIR may point at
 * the corpus root (the folder with score.py; the set defaults to `dev`, or CORPUS_SET) or
 * directly at a set folder.
 */
export function locateCorpus(setName = process.env.CORPUS_SET ?? 'dev'): CorpusLocation {
  const dir = resolve(process.env.CORPUS_DIR ?? join(REPO_ROOT, '..', 'shared', 'corpus'));
  if (existsSync(join(dir, 'score.py'))) return { root: dir, set: join(dir, setName) };
  if (existsSync(join(dir, '..', 'score.py'))) return { root: resolve(dir, '..'), set: dir };
  throw new Error(
    `No corpus at ${dir} (expected score.py there or in its parent); set CORPUS_DIR.`,
  );
}

/**
 * IOC types the extractor reports that the corpus does not label (added by issue 15). Scoring
 * leaves them out (score.py --ignore-types), since the gold files never list them.
 */
export const CORPUS_UNLABELLED_TYPES = [
  'sha224',
  'sha384',
  'ssdeep',
  'mac',
  'registry-key',
  'filename',
] as const;

export interface CorpusDoc {
  name: string;
  text: string;
}

export function loadDocs(setDir: string): CorpusDoc[] {
  return readdirSync(setDir)
    .filter((f) => f.endsWith('.txt'))
    .toSorted()
    .map((f) => ({ name: f.slice(0, -4), text: readFileSync(join(setDir, f), 'utf8') }));
}

export interface Prediction {
  doc: string;
  iocs: ReadonlyArray<{ type: string; value: string }>;
}

export interface ScoreRow {
  type: string;
  gold: number;
  pred: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ScoreResult {
  /** The scorer's printed report. */
  report: string;
  perType: ScoreRow[];
  micro: { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number };
  macroF1: number;
}

/** Writes predictions to a temporary JSONL file and runs score.py on them. */
export function score(
  loc: CorpusLocation,
  preds: readonly Prediction[],
  args: readonly string[] = [],
): ScoreResult {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-eval-'));
  try {
    const predFile = join(dir, 'predictions.jsonl');
    const jsonFile = join(dir, 'summary.json');
    writeFileSync(predFile, preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const r = spawnSync(
      'python3',
      [join(loc.root, 'score.py'), loc.set, predFile, ...args, '--json', jsonFile],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`score.py failed (${r.status}): ${r.stderr}`);
    const summary = JSON.parse(readFileSync(jsonFile, 'utf8')) as {
      per_type: ScoreRow[];
      micro: ScoreResult['micro'];
      macro_f1: number;
    };
    return {
      report: r.stdout,
      perType: summary.per_type,
      micro: summary.micro,
      macroF1: summary.macro_f1,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
