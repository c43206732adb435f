import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import type { SettingsView } from '../../utils/model/views';
import { E2E_BUILD, launchHarness, SCREENSHOT_DIR, type Harness } from './harness';

/**
 * Admin policy end to end: a real Chromium machine policy for this extension
 * (/etc/chromium/policies/managed, "3rdparty" → extensions → <id>), read through
 * storage.managed by the worker, shown locked on the options page. Secrets never come from
 * policy. Needs root (CI runs as root); the policy file is removed afterwards.
 */

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'cftr-incident-bridge-options-e2e.json');

/** Chromium's ID of an unpacked extension: SHA-256 of its absolute path, 32 hex → a-p. */
function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

function canWritePolicy(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

type Answer<T> = { ok: boolean; data?: T };

async function send<T>(page: Page, type: string, payload: unknown = {}): Promise<Answer<T>> {
  return (await page.evaluate(
    `chrome.runtime.sendMessage(${JSON.stringify({ channel: 'cftr-bridge', type, payload })})`,
  )) as Answer<T>;
}

async function view(page: Page): Promise<SettingsView> {
  const answer = await send<SettingsView>(page, 'settings.get');
  if (!answer.ok || !answer.data) throw new Error(`settings.get: ${JSON.stringify(answer)}`);
  return answer.data;
}

const disabled = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el as HTMLInputElement).disabled);
const valueOf = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el as HTMLInputElement).value);
const textOf = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());

async function waitForText(page: Page, selector: string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = await textOf(page, selector).catch(() => '');
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`${selector}: "${text}" never matched ${pattern}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

const POLICY_SECRET = 'policy-must-never-set-this-secret';

describe.skipIf(!canWritePolicy())('admin policy (Chromium machine policy)', () => {
  let sandbox: Sandbox;
  let h: Harness;
  const extensionId = unpackedExtensionId(E2E_BUILD);

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    const policy = {
      cftr: {
        baseUrl: sandbox.cftrBase,
        accessId: sandbox.credentials.cftr.accessId,
        // Not in the schema nor in the settings: must never reach the secret store.
        secret: POLICY_SECRET,
      },
      actionLabel: 'Raise a Respond case',
      mapping: [
        { respondField: 'ip_address', ctixTypes: ['ipv4-addr', 'ipv6-addr'] },
        { respondField: 'domain', ctixTypes: ['domain-name'] },
      ],
      extraction: { includePrivateIps: true },
      template: { createPath: 'v1/incident/' },
      rateLimits: { cftrPerMinute: 30 },
    };
    writeFileSync(
      POLICY_FILE,
      JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }, null, 2),
    );
    try {
      h = await launchHarness({ loadVia: 'flag', sandbox });
    } catch (error) {
      rmSync(POLICY_FILE, { force: true });
      throw error;
    }
  });

  afterAll(async () => {
    rmSync(POLICY_FILE, { force: true });
    await h?.close();
    await sandbox?.stop();
  });

  it('loads the extension under the ID the policy names', () => {
    expect(h.extensionId).toBe(extensionId);
  });

  it('reports the policy paths as locked and applies their values', async () => {
    const page = await h.openExtensionPage('options.html');
    await page.waitForSelector('#cftr-baseUrl');
    const v = await view(page);
    expect(v.locked.toSorted()).toEqual(
      [
        'actionLabel',
        'cftr.accessId',
        'cftr.baseUrl',
        'extraction.includePrivateIps',
        'mapping',
        'rateLimits.cftrPerMinute',
        'template.createPath',
      ].toSorted(),
    );
    expect(v.settings.cftr.baseUrl).toBe(sandbox.cftrBase);
    expect(v.settings.actionLabel).toBe('Raise a Respond case');
    // Secrets never come from policy.
    expect(v.secrets.cftr.set).toBe(false);
    expect(JSON.stringify(v)).not.toContain(POLICY_SECRET);
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows policy values locked with "Set by your administrator" (${scheme})`, async () => {
      const page = await h.openExtensionPage('options.html');
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.waitForSelector('#cftr-baseUrl');

      // Locked: disabled, with the note tied to the field.
      for (const id of ['cftr-baseUrl', 'cftr-accessId', 'actionLabel', 'template-createPath']) {
        expect(await disabled(page, `#${id}`), id).toBe(true);
        expect(await textOf(page, `#${id}-locked`)).toBe('Set by your administrator');
        expect(await page.$eval(`#${id}`, (el) => el.getAttribute('aria-describedby'))).toContain(
          `${id}-locked`,
        );
      }
      expect(await valueOf(page, '#cftr-baseUrl')).toBe(sandbox.cftrBase);
      expect(await valueOf(page, '#actionLabel')).toBe('Raise a Respond case');
      expect(await disabled(page, '#extraction-includePrivateIps')).toBe(true);
      expect(
        await page.$eval('#extraction-includePrivateIps', (el) => (el as HTMLInputElement).checked),
      ).toBe(true);
      expect(await disabled(page, '#rateLimits-cftrPerMinute')).toBe(true);
      expect(await valueOf(page, '#rateLimits-cftrPerMinute')).toBe('30');
      // The whole mapping table is the policy's, every control disabled.
      expect(await page.$$eval('.mapping-row', (rows) => rows.length)).toBe(2);
      expect(await textOf(page, '#mapping-locked')).toMatch(/Set by your administrator/);
      expect(
        await page.$$eval(
          '.mapping-editor input, .mapping-editor select, .mapping-editor button',
          (els) => els.every((el) => (el as HTMLInputElement).disabled),
        ),
      ).toBe(true);

      // Not locked: still editable.
      for (const id of [
        'ctix-baseUrl',
        'ctix-accessId',
        'cftr-expiresOn',
        'cftr-uiUrl',
        'template-body',
      ]) {
        expect(await disabled(page, `#${id}`), id).toBe(false);
        expect(await page.$(`#${id}-locked`)).toBeNull();
      }
      // The secret key is always the user's to enter.
      expect(await disabled(page, '#cftr-secret')).toBe(false);
      expect(await page.evaluate('document.documentElement.outerHTML')).not.toContain(
        POLICY_SECRET,
      );

      if ((await page.evaluate('typeof window.axe')) !== 'object') await page.evaluate(axeSource);
      const violations = (await page.evaluate(
        `axe.run(document).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(' | ')))`,
      )) as string[];
      expect(violations).toEqual([]);

      await page.addStyleTag({ content: '.save-bar { position: static !important; }' });
      await h.screenshot(page, `policy-locked-full-${scheme}`);
      for (const id of ['connections', 'mapping', 'label', 'extraction']) {
        await (await page.$(`#${id}`))!.screenshot({
          path: join(SCREENSHOT_DIR, `policy-locked-${id}-${scheme}.png`),
        });
      }
      await page.close();
    });
  }

  it('saves the user part (secret, unlocked fields) beside the policy and connects', async () => {
    const page = await h.openExtensionPage('options.html');
    await page.waitForSelector('#cftr-secret');
    await page.focus('#cftr-secret');
    await page.keyboard.type(sandbox.credentials.cftr.secret);
    const save = await page.waitForSelector('#save-button');
    await save!.click();
    await waitForText(page, '#save-notice', /Settings saved/);
    const v = await view(page);
    expect(v.secrets.cftr.set).toBe(true);
    // Policy still wins over what the page sent for locked paths.
    expect(v.settings.actionLabel).toBe('Raise a Respond case');
    expect(await textOf(page, '#cftr-secret-status')).toMatch(/set on/);

    const test = await page.waitForSelector('#cftr-test');
    await test!.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await test!.click();
    await waitForText(page, '#cftr-test-result', /^OK in \d+ ms/);
    expect(await page.evaluate('document.documentElement.outerHTML')).not.toContain(
      sandbox.credentials.cftr.secret,
    );
    await page.close();
  });
});
