import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOSTILE_NAME,
  KNOWN,
  KNOWN_IDS,
  PLAIN_PAGE_IOCS,
  REPORT_PAGE_IOCS,
  seedData,
  UNKNOWN_REPORT_IOCS,
  XSS_PAGE_IOCS,
  XSS_PAGE_TITLE,
  XSS_PAYLOADS,
} from '../../../sandbox/index';
import { decodeEntities, refang, startTestSandbox, type TestSandbox } from './helpers';
import { THREAT_DATA_APP_PATH } from '../../../sandbox/ui/shell';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sb.stop());

const get = async (path: string): Promise<{ status: number; type: string; text: string }> => {
  const res = await fetch(`${t.sb.url}${path}`);
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text: await res.text(),
  };
};
const titleOf = (markup: string): string =>
  decodeEntities(/<title>([^<]*)<\/title>/.exec(markup)?.[1] ?? '').trim();

describe('/pages/report.html', () => {
  it('is a vendor post titled "Operation Glasswing: loader analysis"', async () => {
    const page = await get('/pages/report.html');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(titleOf(page.text)).toBe('Operation Glasswing: loader analysis');
  });

  it('shows every listed IOC, the known ones defanged', async () => {
    const { text } = await get('/pages/report.html');
    expect(text).toContain('45.137.21[.]9');
    expect(text).toContain('docs-share-preview[.]com');
    expect(text).toContain('hxxps://docs-share-preview[.]com/s/invoice-7731.zip');
    expect(text).toContain('billing[@]docs-share-preview[.]com');
    const plain = refang(text);
    for (const v of [
      ...REPORT_PAGE_IOCS.known,
      ...REPORT_PAGE_IOCS.unknown,
      ...REPORT_PAGE_IOCS.cves,
    ]) {
      expect(plain).toContain(v);
    }
  });

  it('links to a malicious-looking URL that is only in the href', async () => {
    const { text } = await get('/pages/report.html');
    expect(text).toContain(`href="${UNKNOWN_REPORT_IOCS.linkHref}"`);
    expect(text.split(UNKNOWN_REPORT_IOCS.linkHref)).toHaveLength(2);
  });

  it('splits its IOCs truthfully into known and unknown to the seed', () => {
    const seed = seedData();
    for (const v of REPORT_PAGE_IOCS.known) expect(seed.findByValue(v), v).toBeDefined();
    for (const v of REPORT_PAGE_IOCS.unknown) expect(seed.findByValue(v), v).toBeUndefined();
    expect(seed.findByValue(KNOWN.cve)?.type).toBe('vulnerability');
    expect(seed.findByValue(UNKNOWN_REPORT_IOCS.cve)).toBeUndefined();
  });
});

describe('/pages/xss.html', () => {
  it('carries the payloads as text, escaped in the source and in the title', async () => {
    const { status, text } = await get('/pages/xss.html');
    expect(status).toBe(200);
    expect(titleOf(text)).toBe(XSS_PAGE_TITLE);
    expect(XSS_PAGE_TITLE).toContain('<img src=x onerror=alert(1)>');
    for (const p of ['<img src=x', '<svg onload', '<iframe', '<script>alert']) {
      expect(text).not.toContain(p);
    }
    const decoded = decodeEntities(text);
    for (const p of XSS_PAYLOADS) expect(decoded).toContain(p);
    // The only script is the alert() recorder the page documents.
    expect(text.match(/<script>/g)).toHaveLength(1);
    expect(text).toContain('window.__xssFired');
  });

  it('has javascript: links and IOCs', async () => {
    const { text } = await get('/pages/xss.html');
    expect(text).toMatch(/<a href="javascript:alert\('xss-link'\)">/);
    for (const v of XSS_PAGE_IOCS) expect(text).toContain(v);
  });
});

describe('/pages/big.html', () => {
  it('is about N MiB, deterministic, with IOCs', async () => {
    const a = await get('/pages/big.html?mb=1');
    const b = await get('/pages/big.html?mb=1');
    expect(a.status).toBe(200);
    const size = Buffer.byteLength(a.text);
    expect(size).toBeGreaterThanOrEqual(1024 * 1024);
    expect(size).toBeLessThan(1024 * 1024 + 4096);
    expect(b.text).toBe(a.text);
    expect(a.text).toContain(KNOWN.ipv4);
    expect(a.text.match(/Indicator: /g)?.length).toBeGreaterThan(1000);
    const quarter = await get('/pages/big.html?mb=0.25');
    expect(Buffer.byteLength(quarter.text)).toBeLessThan(300 * 1024);
  });

  it('answers 400 for a bad size', async () => {
    expect((await get('/pages/big.html?mb=abc')).status).toBe(400);
    expect((await get('/pages/big.html?mb=0')).status).toBe(400);
    expect((await get('/pages/big.html?mb=1000')).status).toBe(400);
  });
});

describe('/pages/plain.html and others', () => {
  it('lists a few IOCs', async () => {
    const { status, text } = await get('/pages/plain.html');
    expect(status).toBe(200);
    for (const v of PLAIN_PAGE_IOCS) expect(text).toContain(v);
  });

  it('answers 404 for an unknown page', async () => {
    expect((await get('/pages/nope.html')).status).toBe(404);
    expect((await get('/nowhere')).status).toBe(404);
  });
});

describe('Intel Exchange web UI', () => {
  const getJson = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${t.sb.url}${path}`);
    return { status: res.status, body: (await res.json()) as T };
  };
  interface ListData {
    total: number;
    max_rows: number;
    types: string[];
    results: { id: string; type: string; name: string; ioc_type: string | null }[];
  }

  it('answers the list and object routes with the app shell and its script', async () => {
    for (const path of [
      '/ctix/threatdata',
      '/ctix/threatdata?rows=10000&type=indicator',
      `/ctix/threatdata/indicator/${KNOWN_IDS.ipv4}`,
      `/ctix/threatdata/indicator/${KNOWN_IDS.ipv4}/basic-details`,
      `/ctix/threatdata/indicator/${KNOWN_IDS.ipv4}/relations`,
    ]) {
      const { status, text } = await get(path);
      expect(status, path).toBe(200);
      expect(text).toContain('<main id="app"');
      expect(text).toContain('<script src="/ctix/assets/threatdata-app.js" defer></script>');
    }
    expect(titleOf((await get(`/ctix/threatdata/indicator/${KNOWN_IDS.ipv4}`)).text)).toBe(
      `${KNOWN.ipv4} | Intel Exchange`,
    );
    const script = await get('/ctix/assets/threatdata-app.js');
    expect(script.status).toBe(200);
    expect(script.type).toContain('javascript');
    expect(script.text).toContain('history.pushState');
    // The app builds its DOM from data with textContent, never by parsing HTML.
    expect(script.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('answers 404 for an object that does not exist or has another type', async () => {
    expect((await get(`/ctix/threatdata/malware/${KNOWN_IDS.ipv4}`)).status).toBe(404);
    expect((await get('/ctix/threatdata/indicator/nope')).status).toBe(404);
    expect((await get(`/ctix/threatdata/indicator/${KNOWN_IDS.ipv4}/nope`)).status).toBe(404);
    const api = await getJson(`/ctix/ui-api/threat-data/malware/${KNOWN_IDS.ipv4}/`);
    expect(api.status).toBe(404);
  });

  it('gives the app the seed objects by default and up to 10,000 rows with ?rows=', async () => {
    const seed = seedData();
    const plain = await getJson<ListData>('/ctix/ui-api/threat-data/');
    expect(plain.body.total).toBe(seed.objects.length);
    expect(plain.body.results.map((r) => r.id)).toEqual(seed.objects.map((o) => o.id));
    expect(plain.body.types).toContain('indicator');
    const big = await getJson<ListData>('/ctix/ui-api/threat-data/?rows=10000');
    expect(big.body.total).toBe(10_000);
    expect(big.body.results.map((r) => r.id)).toEqual(seed.listRows(10_000).map((o) => o.id));
    expect((await getJson<ListData>('/ctix/ui-api/threat-data/?rows=99999')).body.total).toBe(
      10_000,
    );
    expect((await getJson<ListData>('/ctix/ui-api/threat-data/?rows=25')).body.total).toBe(25);
  });

  it('gives the app an object with its tags and first relations', async () => {
    const { status, body } = await getJson<{
      object: { name: string; tags: { name: string }[]; ioc_type: string };
      relations_total: number;
      relations: unknown[];
    }>(`/ctix/ui-api/threat-data/report/${KNOWN_IDS.bigReport}/`);
    expect(status).toBe(200);
    expect(body.object.name).toBe(KNOWN.bigReportName);
    expect(body.relations_total).toBe(2500);
    expect(body.relations).toHaveLength(50);
    const ip = await getJson<{ object: { name: string; ioc_type: string; tags: unknown[] } }>(
      `/ctix/ui-api/threat-data/indicator/${KNOWN_IDS.ipv4}/`,
    );
    expect(ip.body.object).toMatchObject({
      name: KNOWN.ipv4,
      ioc_type: 'ipv4-addr',
      tags: [{ name: 'glasswing' }],
    });
  });

  it('escapes hostile object names and bulletin HTML', async () => {
    const tool = await get(`/ctix/threatdata/tool/${KNOWN_IDS.hostileTool}`);
    expect(tool.status).toBe(200);
    expect(tool.text).not.toContain(HOSTILE_NAME);
    expect(titleOf(tool.text)).toBe(`${HOSTILE_NAME} | Intel Exchange`);
    // Bulletins are app views too: the title is escaped in the shell, the HTML description
    // travels as JSON data (the app shows it as text).
    const draft = await get(`/ctix/threat-bulletin/${KNOWN_IDS.draftBulletin}`);
    expect(draft.status).toBe(200);
    expect(draft.text).not.toContain('<img src=x');
    expect(titleOf(draft.text)).toBe(`${KNOWN.draftBulletinTitle} | Intel Exchange`);
  });

  it('serves bulletins and investigations as app views with their data, 404 for unknown IDs', async () => {
    const bulletin = await get(`/ctix/threat-bulletin/${KNOWN_IDS.bulletin}`);
    expect(bulletin.status).toBe(200);
    expect(bulletin.text).toContain(THREAT_DATA_APP_PATH);
    const data = await getJson<{ title: string; status: string; report: { id: string } | null }>(
      `/ctix/ui-api/bulletins/${KNOWN_IDS.bulletin}/`,
    );
    expect(data.body).toMatchObject({
      title: KNOWN.bulletinTitle,
      status: 'published',
      report: { id: KNOWN_IDS.report },
    });
    const list = await getJson<{ results: { id: string; status: string }[] }>(
      '/ctix/ui-api/bulletins/',
    );
    // Seed: 2 published and 1 draft, plus the large published one (3,000 relations).
    const statuses = list.body.results.map((b) => b.status);
    expect(statuses.filter((x) => x === 'draft')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'published')).toHaveLength(3);
    const inv = await get(`/ctix/threat-investigation/${KNOWN_IDS.canvas}`);
    expect(inv.status).toBe(200);
    expect(titleOf(inv.text)).toBe(`${KNOWN.canvasName} | Intel Exchange`);
    const canvas = await getJson<{ name: string; nodes: { id: string }[] }>(
      `/ctix/ui-api/investigations/${KNOWN_IDS.canvas}/`,
    );
    expect(canvas.body.name).toBe(KNOWN.canvasName);
    expect(canvas.body.nodes.map((n) => n.id)).toContain(`indicator--${KNOWN_IDS.ipv4}`);
    // The two seeded investigations: 10-40 nodes each, of mixed types with a report among them.
    const invs = await getJson<{ results: { id: string; nodes: number }[] }>(
      '/ctix/ui-api/investigations/',
    );
    const seeded = invs.body.results.filter((c) => c.id !== KNOWN_IDS.hugeCanvas);
    expect(seeded).toHaveLength(2);
    const types = new Set<string>();
    for (const c of seeded) {
      expect(c.nodes).toBeGreaterThanOrEqual(10);
      expect(c.nodes).toBeLessThanOrEqual(40);
      const one = await getJson<{ nodes: { object_type: string }[] }>(
        `/ctix/ui-api/investigations/${c.id}/`,
      );
      for (const n of one.body.nodes) types.add(n.object_type);
    }
    for (const type of ['indicator', 'malware', 'report']) expect(types).toContain(type);
    expect((await getJson('/ctix/ui-api/bulletins/nope/')).status).toBe(404);
    expect((await getJson('/ctix/ui-api/investigations/nope/')).status).toBe(404);
    expect((await get('/ctix/threat-bulletin/nope')).status).toBe(404);
    expect((await get('/ctix/threat-investigation/nope')).status).toBe(404);
  });
});
