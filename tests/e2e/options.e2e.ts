import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_INCIDENT } from '../../utils/cyware/template';
import type { SettingsView, TemplatePreview } from '../../utils/model/views';
import { launchHarness, SCREENSHOT_DIR, type Harness } from './harness';
import { textOf, waitForText } from './page-text';

/**
 * The options page of the built extension in Chromium, against the sandbox: connection cards
 * (save, write-only secrets, test results for every failure kind), mapping persistence, the
 * template editor and its byte-exact preview, import/export, the unsaved-changes warning,
 * screenshots in light and dark, and axe.
 */

// ---- page helpers (page code is passed as strings: the test transform may add helpers the
// page does not have) ----

/** Records every bridge response the page receives; installed before any page script runs. */
const RECORD_RESPONSES = `(() => {
  window.__bridgeResponses = [];
  const runtime = chrome.runtime;
  const original = runtime.sendMessage.bind(runtime);
  const record = (message, response) => {
    if (message && message.channel === 'cftr-bridge') {
      window.__bridgeResponses.push({ type: message.type, response: JSON.stringify(response) });
    }
  };
  runtime.sendMessage = function (...args) {
    const message = args.find((a) => a && typeof a === 'object' && a.channel === 'cftr-bridge');
    const at = args.findIndex((a) => typeof a === 'function');
    if (at >= 0) {
      const callback = args[at];
      args[at] = (response) => {
        record(message, response);
        callback(response);
      };
      return original(...args);
    }
    const result = original(...args);
    return result && typeof result.then === 'function'
      ? result.then((response) => {
          record(message, response);
          return response;
        })
      : result;
  };
})();`;

interface Recorded {
  type: string;
  response: string;
}

/** Pages opened by the current test, closed after it (and after any failure screenshot). */
const opened: Page[] = [];

async function openOptions(h: Harness, scheme?: 'light' | 'dark'): Promise<Page> {
  const page = await h.browser.newPage();
  opened.push(page);
  page.on('pageerror', (e) => console.log(`options page error: ${String(e)}`));
  if (scheme) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.evaluateOnNewDocument(RECORD_RESPONSES);
  await page.goto(`${h.extensionOrigin}/options.html`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#ctix-baseUrl');
  // The status banner and type list arrive right after the settings.
  await page.waitForSelector('.status-items');
  return page;
}

type Answer<T> = { ok: boolean; data?: T; error?: { code: string; message: string } };

async function send<T = unknown>(page: Page, type: string, payload: unknown): Promise<Answer<T>> {
  return (await page.evaluate(
    `chrome.runtime.sendMessage(${JSON.stringify({ channel: 'cftr-bridge', type, payload })})`,
  )) as Answer<T>;
}

async function data<T>(page: Page, type: string, payload: unknown = {}): Promise<T> {
  const answer = await send<T>(page, type, payload);
  if (!answer.ok || answer.data === undefined)
    throw new Error(`${type}: ${JSON.stringify(answer)}`);
  return answer.data;
}

/** Replace a field's value by typing, as a user would (select all, type). */
async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const handle = await page.waitForSelector(selector);
  if (!handle) throw new Error(`No ${selector}`);
  await handle.focus();
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  if (value !== '') await page.keyboard.type(value);
}

/** A value React sees as typed, for locale-dependent (date) or long (template) inputs. */
async function setValue(page: Page, selector: string, value: string): Promise<void> {
  await page.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) throw new Error('No element ' + ${JSON.stringify(selector)});
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, ${JSON.stringify(value)});
    el.dispatchEvent(new Event('input', { bubbles: true }));
  })()`);
}

/**
 * A real (trusted) click, so it carries a user gesture (permissions.request needs one). The
 * target is scrolled to the middle first: the sticky save bar may cover the bottom rows.
 */
async function click(page: Page, selector: string): Promise<void> {
  const handle = await page.waitForSelector(selector);
  if (!handle) throw new Error(`No ${selector}`);
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await handle.click();
}

async function clickHandle(handle: ElementHandle | null): Promise<void> {
  if (!handle) throw new Error('Nothing to click');
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await handle.click();
}

async function clickSave(page: Page): Promise<string> {
  await click(page, '#save-button');
  return waitForText(page, '#save-notice', /Settings saved|Nothing was saved/);
}

/** Click "Test connection" (or "Save and test") and wait for the words of this new test. */
async function testConnection(page: Page, product: 'ctix' | 'cftr'): Promise<string> {
  const count = `(window.__bridgeResponses ?? []).filter((r) => r.type === 'connection.test').length`;
  const before = (await page.evaluate(count)) as number;
  await click(page, `#${product}-test`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = await textOf(page, `#${product}-test-result`);
    const answered = ((await page.evaluate(count)) as number) > before;
    if (text !== '' && (answered || /^(Not tested|Browser access missing)/.test(text))) return text;
    if (Date.now() > deadline) throw new Error(`No test result for ${product}; last: "${text}"`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForFocus(page: Page, id: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await page.evaluate('document.activeElement && document.activeElement.id')) !== id) {
    if (Date.now() > deadline) throw new Error(`Focus never reached #${id}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not a script tag: the extension page's CSP refuses inline scripts.
  if ((await page.evaluate('typeof window.axe')) !== 'object') await page.evaluate(axeSource);
  return (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) =>
      v.id + ' (' + v.impact + '): ' + v.help + ' @ ' + v.nodes.map((n) => n.target.join(' ')).join(' | ')))`,
  )) as string[];
}

/** A request URL without its signature and expiry (they differ per request). */
function unsigned(u: string): string {
  const url = new URL(u);
  return `${url.origin}${url.pathname}?AccessID=${url.searchParams.get('AccessID')}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function dateInDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

// ---- tests ----

describe('options page', () => {
  let h: Harness;
  let ctixSecret: string;
  let cftrSecret: string;

  beforeAll(async () => {
    h = await launchHarness();
    ctixSecret = h.sandbox.credentials.ctix.secret;
    cftrSecret = h.sandbox.credentials.cftr.secret;
  });
  afterAll(async () => h?.close());
  // Our own failure screenshots: only of this test's pages, each brought to the front first
  // (a background tab draws no frames, so capturing it can wait forever).
  afterEach(async (ctx) => {
    const failed = ctx.task.result?.state === 'fail';
    for (const [i, page] of opened.splice(0).entries()) {
      if (page.isClosed()) continue;
      if (failed) {
        await Promise.race([
          page.bringToFront().then(() => h.screenshot(page, `FAILED-${ctx.task.name}-${i}`)),
          new Promise((r) => setTimeout(r, 5_000)),
        ]).catch(() => undefined);
      }
      await page.close({ runBeforeUnload: false }).catch(() => undefined);
    }
  });
  beforeEach(() => {
    // Faults, request log and incidents of one test never leak into the next.
    h.sandbox.reset();
  });

  async function fillAndSaveBothCards(page: Page): Promise<void> {
    const { sandbox } = h;
    // What users paste: the CTIX endpoint without its slash, the Respond API URL as shown.
    await typeInto(page, '#ctix-baseUrl', sandbox.ctixBase.replace(/\/$/, ''));
    await typeInto(page, '#ctix-accessId', sandbox.credentials.ctix.accessId);
    await typeInto(page, '#ctix-secret', ctixSecret);
    await typeInto(page, '#cftr-baseUrl', sandbox.cftrBase);
    await typeInto(page, '#cftr-accessId', sandbox.credentials.cftr.accessId);
    await typeInto(page, '#cftr-secret', cftrSecret);
    await setValue(page, '#cftr-expiresOn', dateInDays(3));
    expect(await textOf(page, '#ctix-baseUrl-normalised')).toBe(
      `API base used: ${sandbox.ctixBase}`,
    );
    // The web UI URL followed the API URL.
    expect(await page.$eval('#cftr-uiUrl', (el) => (el as HTMLInputElement).value)).toBe(
      `${sandbox.url}/cftr/`,
    );
    expect(await textOf(page, '#unsaved-changes')).toMatch(
      /Unsaved changes: Intel Exchange connection, Respond connection/,
    );
    expect(await clickSave(page)).toBe('Settings saved.');
  }

  it('fills both cards, saves, tests OK with latency, and never shows a secret again', async () => {
    const page = await openOptions(h);
    // An http URL off loopback is refused inline, tied to its field.
    await typeInto(page, '#ctix-baseUrl', 'http://tenant.example/ctixapi/');
    expect(await page.$eval('#ctix-baseUrl', (el) => el.getAttribute('aria-invalid'))).toBe('true');
    expect(await page.$eval('#ctix-baseUrl', (el) => el.getAttribute('aria-describedby'))).toMatch(
      /ctix-baseUrl-error/,
    );
    expect(await textOf(page, '#ctix-baseUrl-error')).toMatch(/Use https:\/\//);

    await fillAndSaveBothCards(page);
    expect(await textOf(page, '#unsaved-changes')).toBe('');

    // Write-only secrets: "set on <date>" and Replace, no input holding a value.
    expect(await textOf(page, '#ctix-secret-status')).toMatch(/set on \w+/);
    expect(await page.$('#ctix-secret')).toBeNull();
    expect(
      await page.$$eval('button', (bs) => bs.filter((b) => b.textContent === 'Replace').length),
    ).toBe(2);

    const ctix = await testConnection(page, 'ctix');
    expect(ctix).toMatch(/^OK in \d+ ms\. The tenant answered and accepted the API key\.$/);
    const cftr = await testConnection(page, 'cftr');
    expect(cftr).toMatch(/^OK in \d+ ms\./);

    // The status at the top follows (change signal) and warns of the Respond key expiry.
    await waitForText(page, '#status-ctix', /Connected.*OK in \d+ ms/);
    await waitForText(page, '#status-cftr', /Connected.*expires in 3 days/);

    // Nothing the page holds or received contains a secret.
    const html = await page.evaluate('document.documentElement.outerHTML');
    expect(html).not.toContain(ctixSecret);
    expect(html).not.toContain(cftrSecret);
    for (const type of ['settings.get', 'settings.export', 'status.get']) {
      const answer = JSON.stringify(await send(page, type, {}));
      expect(answer).toMatch(/"ok":true/);
      expect(answer).not.toContain(ctixSecret);
      expect(answer).not.toContain(cftrSecret);
    }
    const recorded = (await page.evaluate('window.__bridgeResponses')) as Recorded[];
    const types = new Set(recorded.map((r) => r.type));
    for (const t of ['settings.get', 'settings.save', 'status.get', 'connection.test']) {
      expect(types).toContain(t);
    }
    for (const r of recorded) {
      expect(r.response).not.toContain(ctixSecret);
      expect(r.response).not.toContain(cftrSecret);
    }
    await h.screenshot(page, 'options-connections-tested');
  });

  it('says wrong credentials for a wrong secret, and Replace keeps the old key on cancel', async () => {
    const page = await openOptions(h);
    await click(page, '#ctix-secret-status + button');
    await typeInto(page, '#ctix-secret', 'not-the-secret');
    expect(await textOf(page, '#ctix-test')).toBe('Save and test');
    const words = await testConnection(page, 'ctix');
    expect(words).toMatch(/^Wrong credentials\. .*401/);
    await waitForText(page, '#status-ctix', /Wrong credentials/);

    // Back to the right key: the test says OK again.
    await click(page, '#ctix-secret-status + button');
    await typeInto(page, '#ctix-secret', ctixSecret);
    expect(await testConnection(page, 'ctix')).toMatch(/^OK in/);
    // "Keep current key" closes the input without sending anything.
    await click(page, '#ctix-secret-status + button');
    await typeInto(page, '#ctix-secret', 'typed-then-cancelled');
    await page.$$eval('button', (bs) =>
      bs.find((b) => b.textContent === 'Keep current key')?.click(),
    );
    expect(await page.$('#ctix-secret')).toBeNull();
    expect(await textOf(page, '#unsaved-changes')).toBe('');
    expect(await testConnection(page, 'ctix')).toMatch(/^OK in/);
  });

  it('names clock skew (403 JSON), an access proxy (HTML 403), a wrong base URL and an unreachable host', async () => {
    const page = await openOptions(h);
    const fault = (rule: unknown) =>
      fetch(`${h.sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rule),
      }).then((r) => expect(r.ok).toBe(true));

    await fault({
      path: '/ctixapi/ping/',
      action: 'status',
      status: 403,
      body: { detail: 'signature expired or clock skew' },
      times: 1,
    });
    const skew = await testConnection(page, 'ctix');
    expect(skew).toMatch(/^Clock skew or missing permission\. .*clock/);
    // The server's own words, verbatim, as text.
    expect(await textOf(page, '#ctix-test-result .server-detail')).toContain(
      'signature expired or clock skew',
    );

    await fault({ path: '/cftrapi/openapi/test-connectivity/', action: 'html403', times: 1 });
    const proxy = await testConnection(page, 'cftr');
    expect(proxy).toMatch(/^Blocked by an access proxy\. .*HTML/);
    // The HTML page is shown as text, never rendered.
    expect(await page.$('#cftr-test-result h1')).toBeNull();
    expect(await textOf(page, '#cftr-test-result .server-detail')).toContain('<h1>Forbidden</h1>');

    // A base URL that answers 404 on the ping path.
    await typeInto(page, '#ctix-baseUrl', `${h.sandbox.url}/elsewhere/ctixapi/`);
    expect(await testConnection(page, 'ctix')).toMatch(/^Wrong base URL\. .*404/);

    const port = await closedPort();
    // Another origin (another port): the secret is bound to the old one, so it is entered again.
    await typeInto(page, '#ctix-baseUrl', `http://127.0.0.1:${port}/ctixapi/`);
    await click(page, '#ctix-secret-status + button');
    await typeInto(page, '#ctix-secret', ctixSecret);
    expect(await testConnection(page, 'ctix')).toMatch(/^Unreachable\. Could not reach/);

    // Issue 16: the types call right after the save fails once (a proxy still warming up);
    // the built-in list's hint used to stay until a reload although the test then passed.
    await fault({
      path: '/ingestion/utilities/ioc-types/',
      action: 'status',
      status: 404,
      times: 1,
    });
    await typeInto(page, '#ctix-baseUrl', h.sandbox.ctixBase);
    await click(page, '#ctix-secret-status + button');
    await typeInto(page, '#ctix-secret', ctixSecret);
    expect(await testConnection(page, 'ctix')).toMatch(/^OK in/);
    await waitForText(page, '.mapping-editor > .hint', /from your Intel Exchange tenant/);
  });

  it('keeps mapping edits across a reload and flags a type mapped twice', async () => {
    const page = await openOptions(h);
    // The tenant's types (connected above) are offered.
    await waitForText(page, '.mapping-editor > .hint', /from your Intel Exchange tenant/);

    const rows = () =>
      page.$$eval('.mapping-row', (els) =>
        els.map((row) => ({
          field: (row.querySelector('input[type="text"]') as HTMLInputElement).value,
          types: [...row.querySelectorAll('.chip code')].map((c) => c.textContent ?? ''),
        })),
      );
    const before = await rows();
    expect(before[0]).toEqual({ field: 'ip_address', types: ['ipv4-addr', 'ipv6-addr'] });

    // Remove the "email" row with the keyboard-reachable button.
    await click(page, '::-p-aria(Remove row for email)');
    // Add a row: field name, then a type through the select + Add.
    await click(page, '.mapping-editor > .actions button:first-child');
    // The new row's field takes the focus, ready for typing.
    const deadline = Date.now() + 5_000;
    while (
      !(await page.evaluate(
        `document.activeElement === document.querySelector('.mapping-row:last-child input[type="text"]')`,
      ))
    ) {
      if (Date.now() > deadline) throw new Error('The new row did not take the focus');
      await new Promise((r) => setTimeout(r, 50));
    }
    await page.keyboard.type('btc_wallet');
    const newRow = (await page.$$('.mapping-row')).at(-1);
    const select = await newRow!.$('select');
    await select!.select('SHA-256');
    await clickHandle(await newRow!.$('.type-add button'));

    // SHA-256 is already mapped to file_hash_sha256: flagged, but allowed.
    await waitForText(
      page,
      '.mapping-row:last-child .field-warning',
      /Mapped twice: SHA-256 is also mapped in file_hash_sha256/,
    );
    expect(await page.$$eval('.chip-dup', (els) => els.length)).toBe(2);
    await click(
      page,
      '.mapping-row:last-child button[aria-label="Remove SHA-256 from btc_wallet"]',
    );
    expect(await page.$('.chip-dup')).toBeNull();
    await (await newRow!.$('select'))!.select('MD5');
    await clickHandle(await newRow!.$('.type-add button'));
    await (await newRow!.$('select'))!.select('SHA-1');
    await clickHandle(await newRow!.$('.type-add button'));
    // Both are mapped elsewhere too; put the row on types only it maps.
    await click(page, '.mapping-row:last-child button[aria-label="Remove MD5 from btc_wallet"]');
    await click(page, '.mapping-row:last-child button[aria-label="Remove SHA-1 from btc_wallet"]');
    const types = (await data<{ types: { id: string }[] }>(page, 'ctix.iocTypes')).types.map(
      (t) => t.id,
    );
    const free = types.find((t) => !before.some((r) => r.types.includes(t)));
    expect(free).toBeTruthy();
    await (await newRow!.$('select'))!.select(free!);
    await clickHandle(await newRow!.$('.type-add button'));

    expect(await textOf(page, '#unsaved-changes')).toBe('Unsaved changes: Field mapping');
    expect(await clickSave(page)).toBe('Settings saved.');
    const expected = [
      ...before.filter((r) => r.field !== 'email'),
      { field: 'btc_wallet', types: [free!] },
    ];
    expect(await rows()).toEqual(expected);

    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.mapping-row');
    expect(await rows()).toEqual(expected);
    const saved = await data<SettingsView>(page, 'settings.get');
    expect(saved.settings.mapping.at(-1)).toEqual({
      respondField: 'btc_wallet',
      ctixTypes: [free],
    });
  });

  it('refuses to save an invalid template, shows the error at its line, and warns before leaving', async () => {
    const page = await openOptions(h);
    const savedBefore = (await data<SettingsView>(page, 'settings.get')).settings.template;
    const broken =
      '{\n  "title": "{{title}}",\n  "description": "{{description}}",\n  "level": {{level}}\n}';
    await setValue(page, '#template-body', broken);
    const error = await waitForText(page, '#template-body-error', /^⚠?\s*Line 4/);
    expect(error).toMatch(/Line 4, column \d+/);
    expect(await page.$eval('#template-body', (el) => el.getAttribute('aria-invalid'))).toBe(
      'true',
    );
    expect(
      await page.$eval('#template-body', (el) => el.getAttribute('aria-describedby')),
    ).toContain('template-body-error');
    expect(await textOf(page, '.gutter-line.error-line')).toBe('4');
    // Unknown placeholder inside valid JSON: also refused.
    await setValue(
      page,
      '#template-body',
      '{"title": "{{title}}", "description": "{{descripton}}"}',
    );
    await waitForText(page, '#template-body-error', /Unknown placeholder \{\{descripton\}\}/);
    await waitForText(page, '.template-preview', /Fix the template fields/);

    expect(await clickSave(page)).toMatch(
      /^Nothing was saved: 1 field needs fixing; each is marked on the page\./,
    );
    // Focus went to the invalid field, and nothing reached the background.
    await waitForFocus(page, 'template-body');
    expect((await data<SettingsView>(page, 'settings.get')).settings.template).toEqual(savedBefore);

    // Leaving with unsaved changes asks first (beforeunload).
    const dialog = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.type());
        void d.dismiss();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await dialog).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);

    // Reset to default makes it valid again; discarding puts the saved one back.
    await click(page, '.template-editor > .actions button');
    await waitForText(page, '.template-editor .field-ok', /Valid JSON/);
    await page.$$eval('button', (bs) =>
      bs.find((b) => b.textContent === 'Discard changes')?.click(),
    );
    expect(await textOf(page, '#unsaved-changes')).toBe('');
  });

  it('previews byte for byte the body the sandbox then receives for the sample incident', async () => {
    const page = await openOptions(h);
    // A template using every placeholder, literal numbers and non-ASCII text. With Intel
    // Exchange configured, {{source_links}} includes the sample's CTIX object link in both.
    const body = `{
  "title": "{{title}}",
  "description": "{{description}}",
  "source": "Intel Exchange — {{source_url}}",
  "tlp": "{{tlp}}",
  "ioc_count": "{{ioc_count}}",
  "bridge_ref": "{{ref}}",
  "links": "{{source_links}}",
  "level": 3,
  "business_units": [12, 0.5e3],
  "threat_intel": "{{threat_intel}}"
}`;
    await setValue(page, '#template-body', body);
    expect(await clickSave(page)).toBe('Settings saved.');
    const shown = await waitForText(page, '#template-preview-body', /^\{"title":/);
    const preview = await data<{ ok: true; preview: TemplatePreview }>(page, 'template.preview', {
      template: (await data<SettingsView>(page, 'settings.get')).settings.template,
    });
    // What the page shows is the background's preview, exactly.
    expect(await page.$eval('#template-preview-body', (el) => el.textContent)).toBe(
      preview.preview.body,
    );
    expect(shown.length).toBeGreaterThan(100);
    expect(preview.preview.url).toMatch(/Signature=%E2%80%A2|Signature=•/);
    expect(preview.preview.url).not.toContain(cftrSecret);

    // Record the exact bytes the worker hands to fetch for the create call.
    await h.evalWorker(`(() => {
      globalThis.__sentBodies = [];
      const original = globalThis.fetch;
      globalThis.fetch = (input, init) => {
        if (init && init.method === 'POST') globalThis.__sentBodies.push({ url: String(input), body: init.body });
        return original(input, init);
      };
    })()`);
    const created = await send(page, 'incident.create', {
      incident: {
        requestId: SAMPLE_INCIDENT.ref,
        title: SAMPLE_INCIDENT.title,
        description: SAMPLE_INCIDENT.description,
        iocs: SAMPLE_INCIDENT.iocs,
        ctixObjects: SAMPLE_INCIDENT.ctixObjects,
        tlp: SAMPLE_INCIDENT.tlp,
        source: {
          kind: 'page',
          url: SAMPLE_INCIDENT.sourceUrl,
          pageTitle: 'New phishing wave targets Outlook users',
          host: 'blog.example.org',
          ctixObjectIds: [],
        },
      },
    });
    expect(created.ok).toBe(true);

    let incidents: { body: Record<string, unknown>; created_via: string }[] = [];
    const deadline = Date.now() + 15_000;
    while (incidents.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      incidents = (
        (await (await fetch(`${h.sandbox.url}/__sandbox/incidents`)).json()) as {
          results: typeof incidents;
        }
      ).results;
    }
    expect(incidents).toHaveLength(1);
    const sent = await h.evalWorker<{ url: string; body: string }[]>('globalThis.__sentBodies');
    const creates = sent.filter((s) => s.url.includes('/cftrapi/openapi/v1/incident/'));
    expect(creates).toHaveLength(1);

    // Byte for byte: preview body === bytes given to fetch === what the sandbox parsed.
    expect(creates[0]!.body).toBe(preview.preview.body);
    // The sandbox keeps the body parsed: same JSON (the renderer writes numbers as in the
    // template, e.g. 0.5e3, which parsing turns into 500).
    expect(incidents[0]!.body).toEqual(JSON.parse(preview.preview.body));
    expect(preview.preview.body).toContain('"business_units":[12,0.5e3]');
    // The source page, then the CTIX object's link on the configured threat-data route.
    const links = (JSON.parse(preview.preview.body) as { links: string[] }).links;
    expect(links).toEqual([
      SAMPLE_INCIDENT.sourceUrl,
      `${h.sandbox.url}/ctix/threatdata/malware/${SAMPLE_INCIDENT.ctixObjects[0]!.id}`,
    ]);
    // Same URL apart from the (masked) signature and its expiry.
    expect(unsigned(creates[0]!.url)).toBe(unsigned(preview.preview.url));
    expect(preview.preview.method).toBe('POST');
    const log = (await (
      await fetch(`${h.sandbox.url}/__sandbox/requests?product=cftr`)
    ).json()) as { results: { method: string; path: string }[] };
    expect(log.results.some((r) => r.method === 'POST' && r.path.endsWith('/v1/incident/'))).toBe(
      true,
    );

    // Back to the default template for the tests after this one.
    await click(page, '.template-editor > .actions button');
    expect(await clickSave(page)).toBe('Settings saved.');
  });

  it('exports settings without secrets, refuses a bad import per field, and round-trips', async () => {
    const downloads = mkdtempSync(join(tmpdir(), 'cftr-downloads-'));
    const cdp = await h.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    const page = await openOptions(h);

    await page.$$eval('button', (bs) =>
      bs.find((b) => b.textContent === 'Export settings')?.click(),
    );
    await waitForText(
      page,
      '.import-result',
      /Exported the saved settings as cftr-incident-bridge-settings-\d{4}-\d{2}-\d{2}\.json/,
    );
    let file = '';
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      file = readdirSync(downloads).find((f) => f.endsWith('.json')) ?? '';
      if (file) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(file).toMatch(/^cftr-incident-bridge-settings-.*\.json$/);
    const exportedText = readFileSync(join(downloads, file), 'utf8');
    expect(exportedText).not.toContain(ctixSecret);
    expect(exportedText).not.toContain(cftrSecret);
    const exported = JSON.parse(exportedText) as {
      format: string;
      version: number;
      settings: unknown;
    };
    expect(exported.format).toBe('cftr-incident-bridge/settings');
    expect(exported.version).toBe(1);
    const savedAtExport = (await data<SettingsView>(page, 'settings.get')).settings;
    expect(exported.settings).toEqual(savedAtExport);

    // A bad file: errors per field, and nothing changes.
    const bad = join(downloads, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'cftr-incident-bridge/settings',
        version: 1,
        settings: { cftr: { baseUrl: 'ftp://tenant.example/' }, rateLimits: { ctixPerMinute: 0 } },
      }),
    );
    const input = await page.$('input#import-file');
    await input!.uploadFile(bad);
    const result = await waitForText(page, '.import-result', /not imported/);
    expect(result).toMatch(/bad\.json was not imported and nothing was changed/);
    expect(await textOf(page, '.import-errors')).toMatch(
      /Rate limits › ctixPerMinute \(rateLimits\.ctixPerMinute\)/,
    );
    expect((await data<SettingsView>(page, 'settings.get')).settings).toEqual(savedAtExport);
    const notJson = join(downloads, 'notjson.json');
    writeFileSync(notJson, '{"settings": ');
    await (await page.$('input#import-file'))!.uploadFile(notJson);
    await waitForText(page, '.import-errors', /File: This is not valid JSON/);

    // Change things, then import the export: everything is back.
    await typeInto(page, '#actionLabel', 'Raise Respond case');
    expect(await page.$eval('#import-file', (el) => (el as HTMLInputElement).disabled)).toBe(true);
    await click(page, '#extraction-refang');
    expect(await clickSave(page)).toBe('Settings saved.');
    expect((await data<SettingsView>(page, 'settings.get')).settings.actionLabel).toBe(
      'Raise Respond case',
    );
    await (await page.$('input#import-file'))!.uploadFile(join(downloads, file));
    await waitForText(page, '.import-result', /Imported the settings from/);
    expect((await data<SettingsView>(page, 'settings.get')).settings).toEqual(savedAtExport);
    expect(await page.$eval('#actionLabel', (el) => (el as HTMLInputElement).value)).toBe(
      savedAtExport.actionLabel,
    );
    expect(await page.$eval('#extraction-refang', (el) => (el as HTMLInputElement).checked)).toBe(
      true,
    );
    // Secrets survive an import (they are not in the file).
    expect(await testConnection(page, 'cftr')).toMatch(/^OK in/);
    await cdp.detach();
  });

  it('tests routes and validates extraction input inline', async () => {
    const page = await openOptions(h);
    await click(page, 'details.routes > summary');
    await typeInto(
      page,
      '#routes-tester',
      `${h.sandbox.url}/ctix/threatdata/indicator/abc-123/basic-details`,
    );
    expect(await textOf(page, '#routes-tester-result')).toBe(
      'Threat data object page: type "indicator", ID "abc-123".',
    );
    await typeInto(page, '#routes-tester', 'https://other.example/ctix/threat-bulletin/b1');
    expect(await textOf(page, '#routes-tester-result')).toMatch(
      /not on your Intel Exchange origin/,
    );
    await typeInto(page, '#routes-bulletin', '/ctix/bulletins/{id}');
    await typeInto(page, '#routes-tester', `${h.sandbox.url}/ctix/bulletins/b-7`);
    expect(await textOf(page, '#routes-tester-result')).toBe('Threat bulletin page: ID "b-7".');
    await typeInto(page, '#routes-threatData', '/ctix/threatdata/{id}');
    expect(await textOf(page, '#routes-threatData-error')).toMatch(/needs \{type\}/);

    await setValue(
      page,
      '#extraction-allowlist',
      '*.corp.example\nhttps://bad.example/\n10.0.0.0/8',
    );
    // The check loads on demand ("Checking the allowlist…" until then).
    await waitForText(page, '#extraction-allowlist-error', /Line 2 \(https:\/\/bad\.example\/\)/);
    expect(
      await page.$eval('#extraction-includePrivateIps', (el) => (el as HTMLInputElement).checked),
    ).toBe(false);
    await page.$$eval('button', (bs) =>
      bs.find((b) => b.textContent === 'Discard changes')?.click(),
    );
    expect(await textOf(page, '#unsaved-changes')).toBe('');
  });

  it('is usable with the keyboard alone', async () => {
    const page = await openOptions(h);
    // Tab from the top reaches the first card's URL field through the section links.
    await page.focus('body');
    const seen: string[] = [];
    for (let i = 0; i < 12 && !seen.includes('ctix-baseUrl'); i++) {
      await page.keyboard.press('Tab');
      seen.push(
        String(await page.evaluate('document.activeElement.id || document.activeElement.tagName')),
      );
    }
    expect(seen).toContain('ctix-baseUrl');
    // Add a mapping type with the keyboard: select with arrows, Enter adds.
    await page.focus('.mapping-row:nth-child(2) select');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.$$eval('.mapping-row:nth-child(2) .chip', (els) => els.length)).toBe(2);
    // Space toggles a checkbox; the save bar reports it.
    await page.focus('#extraction-refang');
    await page.keyboard.press('Space');
    await waitForText(page, '#unsaved-changes', /Field mapping, Extraction/);
    await page.focus('#save-button');
    await page.keyboard.press('Enter');
    await waitForText(page, '#save-notice', /Settings saved/);
    // Undo through the keyboard too.
    await page.focus('#extraction-refang');
    await page.keyboard.press('Space');
    await page.focus('.mapping-row:nth-child(2) .chip:last-child button');
    await page.keyboard.press('Enter');
    await page.focus('#save-button');
    await page.keyboard.press('Enter');
    await waitForText(page, '#save-notice', /Settings saved/);
    expect(await textOf(page, '#unsaved-changes')).toBe('');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`looks right and passes axe in ${scheme} theme`, async () => {
      const page = await openOptions(h, scheme);
      expect(await page.evaluate(`matchMedia('(prefers-color-scheme: ${scheme})').matches`)).toBe(
        true,
      );
      await click(page, 'details.routes > summary');
      await typeInto(page, '#routes-tester', `${h.sandbox.url}/ctix/threat-investigation/inv-1`);
      expect(await testConnection(page, 'ctix')).toMatch(/^OK in/);
      await waitForText(page, '#template-preview-body', /^\{"title":/);
      expect(await axeViolations(page)).toEqual([]);

      // Every section on its own (the sticky save bar held in place so it hides nothing).
      await page.addStyleTag({ content: '.save-bar { position: static !important; }' });
      await h.screenshot(page, `options-full-${scheme}`);
      const sections = ['connections', 'mapping', 'template', 'label', 'extraction', 'advanced'];
      for (const id of [...sections, 'import-export']) {
        const el = await page.$(`#${id}`);
        await el!.screenshot({ path: join(SCREENSHOT_DIR, `options-${id}-${scheme}.png`) });
      }
      const header = await page.$('.page-header');
      await header!.screenshot({ path: join(SCREENSHOT_DIR, `options-status-${scheme}.png`) });

      // Error states: invalid URL, template, allowlist, a duplicate mapping.
      await typeInto(page, '#cftr-baseUrl', 'http://tenant.example/cftrapi/openapi/');
      await setValue(
        page,
        '#template-body',
        '{\n  "title": "{{title}}",\n  "description": {{description}}\n}',
      );
      await setValue(page, '#extraction-allowlist', 'corp.example\n*.com');
      await (await page.$('.mapping-row:nth-child(2) select'))!.select('url');
      await click(page, '.mapping-row:nth-child(2) .type-add button');
      await click(page, '#save-button');
      await waitForText(page, '#save-notice', /Nothing was saved/);
      expect(await axeViolations(page)).toEqual([]);
      await page.evaluate('window.scrollTo(0, 0)');
      await h.screenshot(page, `options-errors-full-${scheme}`);
      for (const id of ['connections', 'mapping', 'template', 'extraction']) {
        const el = await page.$(`#${id}`);
        await el!.screenshot({ path: join(SCREENSHOT_DIR, `options-${id}-errors-${scheme}.png`) });
      }
      await page.$$eval('button', (bs) =>
        bs.find((b) => b.textContent === 'Discard changes')?.click(),
      );
    });
  }
});
