#!/usr/bin/env node
// Size report: gzip size of each entry of a built extension plus every chunk it loads
// (static imports followed recursively, HTML module preloads and stylesheets).
// Usage: node scripts/size-report.mjs [.output/chrome-mv3] [--budget]
// With --budget it exits 1 when an entry is over its goal (popup 80 KB, options 120 KB,
// background 120 KB, gzip).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const budget = args.includes('--budget');
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? '.output/chrome-mv3');
if (!existsSync(join(dir, 'manifest.json'))) {
  console.error(`size: no manifest.json in ${dir}; build first (npm run build)`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const GOALS = { popup: 80, options: 120, background: 120 };

const gz = new Map();
function gzipKb(file) {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(file), { level: 9 }).length / 1024);
  return gz.get(file);
}

/** Files a JS module loads statically (import … from "./x.js", import "./x.js"). */
function jsDeps(file, seen) {
  if (seen.has(file)) return;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+?\.js)["']/g)) {
    jsDeps(join(dirname(file), m[1]), seen);
  }
}

function fromRoot(p) {
  return join(dir, p.replace(/^\//, ''));
}

/** An HTML page: its module script, module preloads and stylesheets, and their imports. */
function htmlDeps(page) {
  const seen = new Set();
  const html = readFileSync(fromRoot(page), 'utf8');
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) jsDeps(fromRoot(m[1]), seen);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    jsDeps(fromRoot(m[1]), seen);
  for (const m of html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g))
    seen.add(fromRoot(m[1]));
  return seen;
}

const entries = [];
const bg = manifest.background?.service_worker ?? manifest.background?.scripts?.[0];
if (bg) {
  const seen = new Set();
  jsDeps(fromRoot(bg), seen);
  entries.push(['background', seen]);
}
const popup = manifest.action?.default_popup;
if (popup) entries.push(['popup', htmlDeps(popup)]);
const options = manifest.options_ui?.page ?? manifest.options_page;
if (options) entries.push(['options', htmlDeps(options)]);
if (existsSync(join(dir, 'review.html'))) entries.push(['review', htmlDeps('review.html')]);
const scripts = new Set(
  [
    ...(manifest.content_scripts ?? []).flatMap((c) => c.js ?? []),
    // Content scripts registered or injected at run time are not in the manifest.
    ...(existsSync(join(dir, 'content-scripts'))
      ? readdirSync(join(dir, 'content-scripts'))
          .filter((f) => f.endsWith('.js'))
          .map((f) => `content-scripts/${f}`)
      : []),
  ].filter((p) => existsSync(fromRoot(p))),
);
for (const p of scripts) {
  const seen = new Set();
  jsDeps(fromRoot(p), seen);
  entries.push([posix.basename(p, '.js') + ' (content)', seen]);
}

let over = 0;
console.log(`size report for ${relative(process.cwd(), dir) || dir} (gzip -9, KB)`);
for (const [name, files] of entries) {
  const total = [...files].reduce((s, f) => s + gzipKb(f), 0);
  const goal = GOALS[name];
  const verdict =
    goal === undefined ? '' : total <= goal ? `  (goal ≤ ${goal}: ok)` : `  (goal ≤ ${goal}: OVER)`;
  if (goal !== undefined && total > goal) over++;
  console.log(`${name.padEnd(22)} ${total.toFixed(1).padStart(7)} KB${verdict}`);
  for (const f of [...files].toSorted()) {
    console.log(`  ${relative(dir, f).padEnd(48)} ${gzipKb(f).toFixed(1).padStart(7)} KB`);
  }
}
if (budget && over > 0) {
  console.error(`size: ${over} entr${over === 1 ? 'y is' : 'ies are'} over budget`);
  process.exit(1);
}
