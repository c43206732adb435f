/**
 * `npm run demo`: build the extension, start the local Cyware sandbox, and open Chromium with
 * the extension set up against it. With a display it stays open for you to use (Ctrl+C ends
 * it). Without one (or with --headless) it runs a scripted tour, writes screenshots to
 * demo-output/ and exits 0. `--pictures` (`npm run pictures`) also writes the README pictures
 * and store screenshots to docs/images/ from the same tour.
 *
 * The demo loads the e2e build: it is the production code plus a pre-granted loopback host
 * permission (a headless browser cannot accept the permission prompt) and test hooks.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { launchHarness, REPO_ROOT } from '../tests/e2e/harness';
import { configureAgainstSandbox } from '../tests/e2e/configure';
import { runTour } from './demo-tour';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.SANDBOX_PORT ?? '8787' },
    out: { type: 'string', default: 'demo-output' },
    pictures: { type: 'boolean', default: false },
  },
});
const headless = values.headless || values.pictures || !process.env.DISPLAY;
const outDir = join(REPO_ROOT, values.out);
const picturesDir = values.pictures ? join(REPO_ROOT, 'docs/images') : undefined;
const buildDir = '.output-demo';

function build(): void {
  const env: NodeJS.ProcessEnv = { ...process.env, VITE_E2E: '1', BRIDGE_OUT_DIR: buildDir };
  // NODE_ENV=test leaks into the bundle and breaks the content script (browser-testing.md).
  delete env.NODE_ENV;
  execFileSync('npx', ['wxt', 'build'], { cwd: REPO_ROOT, env, stdio: 'inherit' });
}

async function startSandboxOnPort(): Promise<Sandbox> {
  try {
    return await startSandbox({ port: Number(values.port) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${values.port} is busy; using a free port instead.`);
    return startSandbox({ port: 0 });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  build();
  const sandbox = await startSandboxOnPort();
  console.log(`Sandbox: ${sandbox.url}`);
  const h = await launchHarness({
    sandbox,
    headless,
    extensionPath: join(REPO_ROOT, buildDir, 'chrome-mv3'),
    loadVia: headless ? 'install' : 'flag',
  });
  try {
    await configureAgainstSandbox(h);
    if (!headless) {
      const options = await h.openExtensionPage('options.html');
      await options.bringToFront();
      await h.openUrl(`${sandbox.url}/pages/report.html`);
      console.log('Chromium is open with the extension set up against the sandbox.');
      console.log('Select IOCs on the report page and right-click → "Create CFTR Incident".');
      console.log('Press Ctrl+C to stop.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
        h.browser.once('disconnected', resolve);
      });
      return;
    }
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    if (picturesDir) {
      mkdirSync(picturesDir, { recursive: true });
      // Only the pictures the tour writes: a step that no longer exists leaves no stale file.
      for (const file of readdirSync(picturesDir, { withFileTypes: true })) {
        if (file.isFile() && file.name.endsWith('.png')) rmSync(join(picturesDir, file.name));
      }
    }
    const shots = await runTour(h, outDir, picturesDir);
    console.log(`\nTour done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    console.log(
      `${shots.length} screenshots in ${values.out}/${picturesDir ? ' and docs/images/' : ''}:`,
    );
    for (const shot of shots) console.log(`  ${shot}`);
  } finally {
    await h.close();
    await sandbox.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
