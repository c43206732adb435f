// The Intel Exchange app (sandbox/ui/threatdata-app.js) in happy-dom, loaded from a running
// sandbox like a browser would: the shell, then the script, then the app's data calls. There is
// no layout in happy-dom, so the app draws its fallback window (600 px); the real-browser check
// is tests/e2e/sandbox-ui.e2e.ts.
import { Browser, type BrowserPage } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COLLEAGUE_INCIDENT,
  HOSTILE_NAME,
  KNOWN,
  KNOWN_IDS,
  MAX_LIST_ROWS,
  seedData,
  signedQuery,
  startSandbox,
  type Sandbox,
} from '../../../sandbox/index';

const rows = seedData().listRows(MAX_LIST_ROWS);
const hrefOf = (o: { type: string; id: string }): string => `/ctix/threatdata/${o.type}/${o.id}`;

let sb: Sandbox;
let browser: Browser;
beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
  browser = new Browser({
    settings: {
      // Our own script from our own sandbox; the warning is about untrusted code.
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
    },
  });
});
afterAll(async () => {
  await browser.close();
  await sb.stop();
});

async function open(path: string): Promise<BrowserPage> {
  const page = browser.newPage();
  await page.goto(`${sb.url}${path}`);
  await page.waitUntilComplete();
  return page;
}

/** Poll the page until `check` passes (the app renders after its fetch). */
async function until(page: BrowserPage, check: (doc: Document) => boolean): Promise<Document> {
  const doc = page.mainFrame.document as unknown as Document;
  for (let i = 0; i < 200; i++) {
    if (check(doc)) return doc;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out; view=${doc.querySelector('#app')?.getAttribute('data-view')}`);
}

const event = (page: BrowserPage, type: string): Event =>
  new page.mainFrame.window.Event(type) as unknown as Event;
const view = (name: string) => (doc: Document) =>
  doc.querySelector('#app')?.getAttribute('data-view') === name;
const rowHrefs = (doc: Document): string[] =>
  [...doc.querySelectorAll('[data-testid=threat-data-row] a[href]')].map(
    (a) => a.getAttribute('href') ?? '',
  );

describe('threat data list', () => {
  it('draws a window of rows from the 10,000 and swaps them on scroll', async () => {
    const page = await open('/ctix/threatdata?rows=10000');
    const doc = await until(page, view('list'));
    expect(doc.querySelector('.td-count')?.textContent).toBe('10,000 of 10,000 objects');
    const first = rowHrefs(doc);
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(40);
    expect(first[0]).toBe(hrefOf(rows[0] as { type: string; id: string }));
    const viewport = doc.querySelector('[data-testid=threat-data-viewport]') as HTMLElement;
    viewport.scrollTop = 36 * 7000;
    viewport.dispatchEvent(event(page, 'scroll'));
    const after = await until(page, (d) => rowHrefs(d)[0] !== first[0]);
    const hrefs = rowHrefs(after);
    expect(hrefs).toContain(hrefOf(rows[7000] as { type: string; id: string }));
    expect(hrefs.length).toBeLessThan(40);
    // Rows are in index order in the DOM.
    const indexes = [...after.querySelectorAll('[data-testid=threat-data-row]')].map((r) =>
      Number(r.getAttribute('aria-rowindex')),
    );
    expect(indexes).toEqual(indexes.toSorted((a, b) => a - b));
    await page.close();
  });

  it('?list=recycled reuses row elements for other objects; ?list=full draws every row', async () => {
    const page = await open('/ctix/threatdata?rows=10000&list=recycled');
    const doc = await until(page, view('list'));
    const before = [...doc.querySelectorAll('[data-testid=threat-data-row]')];
    const hrefsBefore = before.map((r) => r.querySelector('a')?.getAttribute('href'));
    const viewport = doc.querySelector('[data-testid=threat-data-viewport]') as HTMLElement;
    viewport.scrollTop = 36 * 3000;
    viewport.dispatchEvent(event(page, 'scroll'));
    await until(page, (d) =>
      rowHrefs(d).includes(hrefOf(rows[3000] as { type: string; id: string })),
    );
    const after = [...doc.querySelectorAll('[data-testid=threat-data-row]')];
    // Every element of the first window is still there, now showing another object.
    expect(before.every((el) => after.includes(el))).toBe(true);
    const hrefsAfter = before.map((r) => r.querySelector('a')?.getAttribute('href'));
    expect(hrefsAfter.filter((h) => hrefsBefore.includes(h))).toEqual([]);
    const names = after.map((r) => r.querySelector('a')?.textContent);
    const o = rows[3000] as { name: string };
    expect(names).toContain(o.name);
    await page.close();

    const full = await open('/ctix/threatdata?rows=500&list=full');
    const all = await until(full, view('list'));
    expect(rowHrefs(all)).toEqual(rows.slice(0, 500).map((r) => hrefOf(r)));
    await full.close();
  });

  it('filters by type and by search text', async () => {
    const page = await open('/ctix/threatdata?rows=10000&type=vulnerability');
    const doc = await until(page, view('list'));
    const hrefs = rowHrefs(doc);
    expect(hrefs.length).toBeGreaterThan(3);
    for (const h of hrefs) expect(h).toMatch(/^\/ctix\/threatdata\/vulnerability\//);
    const search = doc.querySelector('[data-testid=search]') as HTMLInputElement;
    search.value = KNOWN.cve.toLowerCase();
    search.dispatchEvent(event(page, 'input'));
    const found = await until(page, (d) => rowHrefs(d).length === 1);
    expect(rowHrefs(found)).toEqual([hrefOf({ type: 'vulnerability', id: KNOWN_IDS.cve })]);
    expect(page.mainFrame.url).toContain(`q=${KNOWN.cve.toLowerCase()}`);
    await page.close();
  });

  it('opens a row menu whose first item links to the object', async () => {
    const page = await open('/ctix/threatdata');
    const doc = await until(page, view('list'));
    const button = doc.querySelector(
      '[data-testid=threat-data-row] .row-menu-button',
    ) as HTMLButtonElement;
    button.click();
    const menu = doc.querySelector('[role=menu]');
    expect(menu?.querySelector('a[role=menuitem]')?.getAttribute('href')).toBe(
      hrefOf(rows[0] as { type: string; id: string }),
    );
    expect(button.getAttribute('aria-expanded')).toBe('true');
    button.click();
    expect(doc.querySelector('[role=menu]')).toBeNull();
    await page.close();
  });
});

describe('navigation and the object page', () => {
  it('navigates with pushState (same document) and back with popstate', async () => {
    const page = await open('/ctix/threatdata?type=threat-actor');
    const doc = await until(page, view('list'));
    const win = page.mainFrame.window as unknown as Window & { __marker?: number };
    win.__marker = 42;
    const link = doc.querySelector(
      `a[href="${hrefOf({ type: 'threat-actor', id: COLLEAGUE_INCIDENT.objectId })}"]`,
    ) as HTMLAnchorElement | null;
    if (!link) throw new Error('the threat actor is not in the first rows');
    link.click();
    const object = await until(page, view('object'));
    expect(win.location.pathname).toBe(hrefOf({ type: 'threat-actor', id: KNOWN_IDS.threatActor }));
    expect(object.querySelector('h1')?.textContent).toBe(KNOWN.threatActor);
    expect(object.title).toBe(`${KNOWN.threatActor} | Intel Exchange`);
    const quick = object.querySelector('[data-testid=quick-actions]');
    expect(quick?.querySelector('h2')?.textContent).toBe('Quick Actions');
    expect(quick?.querySelectorAll('button').length).toBeGreaterThan(0);
    const tags = [...object.querySelectorAll('[data-testid=object-tags] li')].map(
      (li) => li.textContent,
    );
    expect(tags).toContain(COLLEAGUE_INCIDENT.tagName);
    win.history.back();
    await until(page, view('list'));
    expect(win.__marker).toBe(42);
    await page.close();
  });

  it('shows the tags the API set, after a navigation, without a reload', async () => {
    const page = await open(hrefOf({ type: 'indicator', id: KNOWN_IDS.domain }));
    let doc = await until(page, view('object'));
    const tagNames = (d: Document): string[] =>
      [...d.querySelectorAll('[data-testid=object-tags] li')].map((li) => li.textContent ?? '');
    expect(tagNames(doc)).not.toContain('CFTR INC1234');
    const signed = (path: string, body: unknown) =>
      fetch(
        `${sb.ctixBase}${path}?${signedQuery(sb.credentials.ctix, Math.floor(Date.now() / 1000) + 20).toString()}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
      );
    const tag = (await (await signed('ingestion/tags/', { name: 'CFTR INC1234' })).json()) as {
      id: string;
    };
    const res = await signed('ingestion/threat-data/action/update_tag/', {
      object_type: 'indicator',
      object_id: KNOWN_IDS.domain,
      data: { tag_ids: [tag.id] },
    });
    expect(res.status).toBe(200);
    // The relations tab and back: each object view reads the object afresh.
    (doc.querySelector('a.tab[href$="/relations"]') as HTMLAnchorElement).click();
    doc = await until(page, (d) => d.querySelector('.relations') !== null);
    (doc.querySelector('a.tab[href$="/basic-details"]') as HTMLAnchorElement).click();
    doc = await until(page, (d) => tagNames(d).length > 0);
    expect(tagNames(doc)).toEqual(['CFTR INC1234']);
    await page.close();
  });

  it('shows hostile names as text only', async () => {
    const page = await open(`/ctix/threatdata/tool/${KNOWN_IDS.hostileTool}`);
    const doc = await until(page, view('object'));
    expect(doc.querySelector('h1')?.textContent).toBe(HOSTILE_NAME);
    expect(doc.querySelector('#app img, #app svg')).toBeNull();
    await page.close();
  });

  it('shows "not found" for an unknown object', async () => {
    const page = await open('/ctix/threatdata/indicator/nope');
    const doc = await until(page, view('not-found'));
    expect(doc.querySelector('h1')?.textContent).toBe('Object not found');
    await page.close();
  });
});

describe('bulletins and investigations (same app)', () => {
  const header = (doc: Document, name: string) =>
    [...doc.querySelectorAll('.app-header nav a')].find((a) => a.textContent === name) as
      HTMLAnchorElement | undefined;

  it('goes list → bulletin → investigations → canvas → object and back, in one document', async () => {
    const page = await open('/ctix/threatdata');
    let doc = await until(page, view('list'));
    const win = page.mainFrame.window as unknown as Window & { __marker?: number };
    win.__marker = 7;
    header(doc, 'Threat Bulletins')?.click();
    doc = await until(page, view('bulletins'));
    expect(header(doc, 'Threat Bulletins')?.getAttribute('aria-current')).toBe('page');
    expect(header(doc, 'Threat Data')?.hasAttribute('aria-current')).toBe(false);
    const statuses = [...doc.querySelectorAll('.container-list .status')].map((s) => s.textContent);
    expect(statuses.filter((s) => s === 'Draft')).toHaveLength(1);
    (doc.querySelector(`a[href$="/${KNOWN_IDS.bulletin}"]`) as HTMLAnchorElement).click();
    doc = await until(page, view('bulletin'));
    expect(doc.querySelector('h1')?.textContent).toBe(KNOWN.bulletinTitle);
    expect(doc.querySelector('.status')?.textContent).toBe('Published');
    // Its "⋯" menu opens and closes; its report links to the report's object page.
    const toggle = doc.querySelector('[aria-haspopup=menu]') as HTMLButtonElement;
    const menu = doc.getElementById('bulletin-menu') as HTMLElement;
    expect(menu.hidden).toBe(true);
    toggle.click();
    expect(menu.hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    doc.body.click();
    expect(menu.hidden).toBe(true);
    expect(
      doc.querySelector(`a[href="${hrefOf({ type: 'report', id: KNOWN_IDS.report })}"]`),
    ).not.toBeNull();

    header(doc, 'Threat Investigations')?.click();
    doc = await until(page, view('investigations'));
    (doc.querySelector(`a[href$="/${KNOWN_IDS.canvas}"]`) as HTMLAnchorElement).click();
    doc = await until(page, view('investigation'));
    expect(doc.querySelector('h1')?.textContent).toBe(KNOWN.canvasName);
    const nodes = [...doc.querySelectorAll('.canvas-node')];
    expect(nodes.length).toBeGreaterThanOrEqual(10);
    expect(nodes.length).toBeLessThanOrEqual(40);
    expect(nodes.map((n) => n.getAttribute('data-node-id'))).toContain(
      `indicator--${KNOWN_IDS.ipv4}`,
    );
    const types = new Set(nodes.map((n) => n.getAttribute('data-object-type')));
    for (const t of ['indicator', 'malware']) expect(types.has(t)).toBe(true);
    expect([...doc.querySelectorAll('h2')].map((x) => x.textContent)).toContain('Basic Details');
    // The node's right-click menu.
    const node = nodes[0] as HTMLElement;
    node.dispatchEvent(
      new page.mainFrame.window.MouseEvent('contextmenu', {
        bubbles: true,
        cancelable: true,
      }) as unknown as Event,
    );
    const nodeMenu = doc.getElementById('node-menu') as HTMLElement;
    expect(nodeMenu.hidden).toBe(false);
    expect(nodeMenu.dataset.nodeId).toBe(node.getAttribute('data-node-id'));

    win.history.back();
    doc = await until(page, view('investigations'));
    win.history.back();
    doc = await until(page, view('bulletin'));
    expect(doc.querySelector('h1')?.textContent).toBe(KNOWN.bulletinTitle);
    expect(win.__marker).toBe(7);
    await page.close();
  });

  it('a draft says so; unknown IDs show "not found"; hostile text stays text', async () => {
    const page = await open(`/ctix/threat-bulletin/${KNOWN_IDS.draftBulletin}`);
    const doc = await until(page, view('bulletin'));
    expect(doc.querySelector('.status')?.textContent).toBe('Draft');
    expect(doc.querySelector('h1')?.textContent).toBe(KNOWN.draftBulletinTitle);
    // The description is HTML in CTIX; the sandbox shows it as text, never as markup.
    expect(doc.querySelector('#app img, #app script:not([src])')).toBeNull();
    await page.close();
    for (const path of ['/ctix/threat-bulletin/nope', '/ctix/threat-investigation/nope']) {
      const missing = await open(path);
      const d = await until(missing, view('not-found'));
      expect(d.querySelector('h1')?.textContent).toMatch(/not found/);
      await missing.close();
    }
  });

  it('draws the 1,000-node canvas', async () => {
    const page = await open(`/ctix/threat-investigation/${KNOWN_IDS.hugeCanvas}`);
    const doc = await until(page, view('investigation'));
    expect(doc.querySelectorAll('.canvas-node')).toHaveLength(1000);
    await page.close();
  });
});
