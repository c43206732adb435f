// The sandbox's Intel Exchange app in a real Chromium (no extension): the windowed 10,000-row
// list, client-side navigation with back/forward, the row menu and the object page. The overlay
// tests build on this page, so its behaviour is pinned here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COLLEAGUE_INCIDENT,
  HOSTILE_NAME,
  KNOWN_IDS,
  startSandbox,
  type Sandbox,
} from '../../sandbox/index';
import { seedData, MAX_LIST_ROWS } from '../../sandbox/seed';
import { findBrowser } from './browser-path';

const OUT = join(process.cwd(), 'test-output', 'sandbox-ui');
const rows = seedData().listRows(MAX_LIST_ROWS);

let sandbox: Sandbox;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  sandbox = await startSandbox({ port: 0 });
  browser = await launch({
    executablePath: findBrowser(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    defaultViewport: { width: 1280, height: 900 },
  });
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

const view = (): Promise<string | undefined> =>
  page.$eval('#app', (el) => (el as HTMLElement).dataset.view);
const waitView = (name: string): Promise<unknown> =>
  page.waitForSelector(`#app[data-view="${name}"]`, { timeout: 10_000 });
const rowLinks = (): Promise<string[]> =>
  page.$$eval('[data-testid=threat-data-row] a[href]', (as) =>
    as.map((a) => a.getAttribute('href') ?? ''),
  );
const nextFrames = (): Promise<unknown> =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

describe('Intel Exchange list (?rows=10000)', () => {
  it('draws a window of rows and replaces them as the list scrolls', async () => {
    await page.goto(`${sandbox.url}/ctix/threatdata?rows=10000`);
    await waitView('list');
    const count = await page.$eval('.td-count', (el) => el.textContent);
    expect(count).toContain('10,000');
    const first = await rowLinks();
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(80);
    expect(first[0]).toBe(`/ctix/threatdata/${rows[0]?.type}/${rows[0]?.id}`);
    await page.screenshot({ path: join(OUT, 'list-top.png') });

    await page.$eval('[data-testid=threat-data-viewport]', (el) => {
      el.scrollTop = 5000 * 36;
    });
    await nextFrames();
    const middle = await rowLinks();
    expect(middle.length).toBeLessThan(80);
    expect(middle).not.toContain(first[0]);
    const o = rows[5000];
    expect(middle).toContain(`/ctix/threatdata/${o?.type}/${o?.id}`);

    await page.$eval('[data-testid=threat-data-viewport]', (el) => {
      el.scrollTop = el.scrollHeight;
    });
    await nextFrames();
    const end = await rowLinks();
    const last = rows.at(-1);
    expect(end).toContain(`/ctix/threatdata/${last?.type}/${last?.id}`);
    await page.screenshot({ path: join(OUT, 'list-end.png') });
  });

  it('?list=recycled keeps the row elements and changes what they show', async () => {
    await page.goto(`${sandbox.url}/ctix/threatdata?rows=10000&list=recycled`);
    await waitView('list');
    await page.evaluate(() => {
      document.querySelectorAll('[data-testid=threat-data-row]').forEach((r, i) => {
        (r as HTMLElement).dataset.probe = String(i);
      });
    });
    await page.$eval('[data-testid=threat-data-viewport]', (el) => {
      el.scrollTop = 4000 * 36;
    });
    await nextFrames();
    const o = rows[4005];
    const probe = await page.$eval(
      `a[href="/ctix/threatdata/${o?.type}/${o?.id}"]`,
      (a) => (a.closest('[role=row]') as HTMLElement).dataset.probe,
    );
    expect(probe).toBeDefined();
    await page.screenshot({ path: join(OUT, 'list-recycled.png') });
  });

  it('filters by type and searches, keeping both in the URL', async () => {
    await page.goto(`${sandbox.url}/ctix/threatdata?rows=10000`);
    await waitView('list');
    await page.select('[data-testid=type-filter]', 'malware');
    const links = await rowLinks();
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(/^\/ctix\/threatdata\/malware\//);
    expect(new URL(page.url()).searchParams.get('type')).toBe('malware');
    await page.type('[data-testid=search]', 'family 0017');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=threat-data-row]').length === 1,
    );
    expect(await page.$eval('[data-testid=threat-data-row] a', (a) => a.textContent)).toBe(
      'Synthetic malware family 0017',
    );
    expect(new URL(page.url()).searchParams.get('q')).toBe('family 0017');
  });

  it('opens a row menu from "⋯" with a link to the object, closed by Escape', async () => {
    await page.goto(`${sandbox.url}/ctix/threatdata?rows=10000`);
    await waitView('list');
    await page.click('[data-testid=threat-data-row]:nth-child(3) .row-menu-button');
    const menu = await page.waitForSelector('[role=menu]');
    const href = await menu?.$eval('a[role=menuitem]', (a) => a.getAttribute('href'));
    expect(href).toBe(`/ctix/threatdata/${rows[2]?.type}/${rows[2]?.id}`);
    await page.screenshot({ path: join(OUT, 'row-menu.png') });
    await page.keyboard.press('Escape');
    expect(await page.$('[role=menu]')).toBeNull();
  });
});

describe('client-side navigation', () => {
  it('goes list → object → back → another object without reloading the page', async () => {
    await page.goto(`${sandbox.url}/ctix/threatdata?rows=10000`);
    await waitView('list');
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });
    await page.$eval('[data-testid=threat-data-viewport]', (el) => {
      el.scrollTop = 300 * 36;
    });
    await nextFrames();
    const o = rows[305];
    await page.click(`a[href="/ctix/threatdata/${o?.type}/${o?.id}"]`);
    await waitView('object');
    expect(new URL(page.url()).pathname).toBe(`/ctix/threatdata/${o?.type}/${o?.id}`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(o?.name);
    expect(await page.$('[data-testid=quick-actions] h2')).not.toBeNull();

    await page.goBack();
    await waitView('list');
    expect(await page.$eval('[data-testid=threat-data-viewport]', (el) => el.scrollTop)).toBe(
      300 * 36,
    );
    const another = rows[303];
    await page.click(`a[href="/ctix/threatdata/${another?.type}/${another?.id}"]`);
    await waitView('object');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(another?.name);
    await page.goBack();
    await waitView('list');
    await page.goForward();
    await waitView('object');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(another?.name);
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
  });

  it('shows tags, Quick Actions and tabs on the object page; hostile names stay text', async () => {
    await page.goto(
      `${sandbox.url}/ctix/threatdata/${COLLEAGUE_INCIDENT.objectType}/${COLLEAGUE_INCIDENT.objectId}`,
    );
    await waitView('object');
    const tags = await page.$$eval('[data-testid=object-tags] li', (li) =>
      li.map((x) => x.textContent),
    );
    expect(tags).toContain(COLLEAGUE_INCIDENT.tagName);
    await page.screenshot({ path: join(OUT, 'object.png') });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.screenshot({ path: join(OUT, 'object-dark.png') });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.click('a.tab[href$="/relations"]');
    await page.waitForSelector('.relations');
    expect(new URL(page.url()).pathname.endsWith('/relations')).toBe(true);

    await page.goto(`${sandbox.url}/ctix/threatdata/tool/${KNOWN_IDS.hostileTool}`);
    await waitView('object');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(HOSTILE_NAME);
    expect(await page.$('#app img, #app svg')).toBeNull();
    expect(await view()).toBe('object');
  });
});
