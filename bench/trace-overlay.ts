// Where the overlay's scroll cost goes beyond its own JS: a DevTools timeline trace of 20 scroll
// steps on the 10,000-row list, with the overlay (127.0.0.1) and without it (localhost), summed
// by event name on the page's main thread. Run after `npm run bench:overlay`:
//   npx tsx bench/trace-overlay.ts
import { resolve } from 'node:path';
import { configureAgainstSandbox } from '../tests/e2e/configure';
import { launchHarness, REPO_ROOT, type Harness } from '../tests/e2e/harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
}

async function trace(h: Harness, origin: string): Promise<Map<string, number>> {
  const page = await h.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${origin}/ctix/threatdata?rows=10000`);
  await sleep(1000);
  await page.tracing.start({
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  for (let i = 0; i < 20; i++) {
    await page.$eval('[data-testid=threat-data-viewport]', (v) => v.scrollBy(0, 800));
    await sleep(120);
  }
  const buffer = await page.tracing.stop();
  await page.close();
  const { traceEvents } = JSON.parse(buffer ? Buffer.from(buffer).toString('utf8') : '{}') as {
    traceEvents: TraceEvent[];
  };
  // The page's main thread: the one with the most RunTask time (CrRendererMain).
  const byThread = new Map<string, number>();
  for (const e of traceEvents) {
    if (e.ph === 'X' && e.name === 'RunTask') {
      const key = `${e.pid}:${e.tid}`;
      byThread.set(key, (byThread.get(key) ?? 0) + (e.dur ?? 0));
    }
  }
  const mainThread = [...byThread].toSorted((a, b) => b[1] - a[1])[0]?.[0];
  const sums = new Map<string, number>();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || `${e.pid}:${e.tid}` !== mainThread) continue;
    sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000 / 20);
  }
  return sums;
}

async function main(): Promise<void> {
  const build = resolve(
    REPO_ROOT,
    process.env.BRIDGE_E2E_BUILD ?? '.output-bench-overlay/chrome-mv3',
  );
  const h = await launchHarness({ extensionPath: build });
  try {
    await configureAgainstSandbox(h, {
      overlay: { enabled: true, uiUrl: '', bulkLimit: 600, tagObjects: true },
    });
    await sleep(500);
    const off = await trace(h, h.sandbox.url.replace('127.0.0.1', 'localhost'));
    const on = await trace(h, h.sandbox.url);
    const names = [...new Set([...off.keys(), ...on.keys()])]
      .map((n) => ({ n, off: off.get(n) ?? 0, on: on.get(n) ?? 0 }))
      .filter((r) => r.on + r.off > 0.3)
      .toSorted((a, b) => b.on - b.off - (a.on - a.off));
    console.log('ms per scroll step (main thread)   off      on   difference');
    for (const r of names.slice(0, 20)) {
      console.log(
        `  ${r.n.padEnd(30)} ${r.off.toFixed(2).padStart(7)} ${r.on.toFixed(2).padStart(7)} ${(r.on - r.off).toFixed(2).padStart(8)}`,
      );
    }
  } finally {
    await h.close();
  }
}

await main();
