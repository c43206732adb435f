import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import type { SettingsView } from '../../utils/model/views';
import { FIREFOX, GECKO_ID, launchFirefox, open, textOf, waitFor, type Firefox } from './firefox';

/**
 * An admin's Firefox policy end to end: a real `policies.json` with "3rdparty" → "Extensions"
 * → our add-on ID, read by Firefox's policy engine, handed to the add-on as storage.managed and
 * shown locked on the options page. Secrets never come from policy.
 *
 * Where the file goes: Firefox reads `/etc/firefox/policies/policies.json` first, else
 * `distribution/policies.json` in its installation folder (EnterprisePoliciesParent.sys.mjs,
 * checked with strace on ESR 140 and 153). The test writes the second, the place an admin
 * uses for one installation. Until ESR 140 a test could use a per-user file instead (pref
 * `toolkit.policies.perUserDir`), but from ESR 153 Firefox honours that pref only in its own
 * test automation (`Cu.isInAutomation`), which a release build under WebDriver BiDi is not.
 * The installation's file reaches every Firefox started from that installation while this
 * test runs (the Firefox files run one at a time, `vitest.firefox.config.ts`), so the test
 * never replaces a file it did not write and removes its own afterwards.
 */

const SYSTEM_POLICY = '/etc/firefox/policies/policies.json';
const POLICY_SECRET = 'policy-must-never-set-this-secret';

/** `distribution/policies.json` of the Firefox the tests launch ('' when none was found). */
function installationPolicyFile(): string {
  if (!FIREFOX || !existsSync(FIREFOX)) return '';
  return join(dirname(realpathSync(FIREFOX)), 'distribution', 'policies.json');
}

const POLICY_FILE = installationPolicyFile();

/** Why the policy cannot be set up here, or '' when it can. */
function cannotWritePolicy(): string {
  if (!POLICY_FILE) return 'no Firefox found';
  // A machine policy wins over the installation's file: this test would not see its own.
  if (existsSync(SYSTEM_POLICY)) return `${SYSTEM_POLICY} exists and would win`;
  if (existsSync(POLICY_FILE)) return `${POLICY_FILE} exists (not ours to replace)`;
  try {
    const made = mkdirSync(dirname(POLICY_FILE), { recursive: true });
    accessSync(dirname(POLICY_FILE), constants.W_OK);
    if (made) rmSync(made, { recursive: true, force: true });
    return '';
  } catch (error) {
    return `cannot write in ${dirname(POLICY_FILE)}: ${(error as Error).message}`;
  }
}

const reason = cannotWritePolicy();
if (reason) console.warn(`[firefox policy] skipped: ${reason}`);

describe.skipIf(reason !== '')('an admin policy through policies.json (Firefox)', () => {
  let sandbox: Sandbox;
  let firefox: Firefox;
  let madeDir: string | undefined;

  const removePolicy = () => {
    rmSync(POLICY_FILE, { force: true });
    if (madeDir) rmSync(madeDir, { recursive: true, force: true });
  };

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
      rateLimits: { cftrPerMinute: 30 },
    };
    madeDir = mkdirSync(dirname(POLICY_FILE), { recursive: true });
    writeFileSync(
      POLICY_FILE,
      JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }),
    );
    try {
      firefox = await launchFirefox();
    } catch (error) {
      removePolicy();
      throw error;
    }
  });

  afterAll(async () => {
    removePolicy();
    await firefox?.close();
    await sandbox?.stop();
  });

  it('the worker reports the policy paths as locked and applies their values', async () => {
    const page = await open(firefox.browser, 'options.html');
    await page.waitForSelector('#cftr-baseUrl', { timeout: 20_000 });
    const answer = (await page.evaluate(() =>
      (
        globalThis as unknown as {
          browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).browser.runtime.sendMessage({ channel: 'cftr-bridge', type: 'settings.get', payload: {} }),
    )) as { ok: boolean; data?: SettingsView };
    const view = answer.data;
    if (!answer.ok || !view) throw new Error(`settings.get: ${JSON.stringify(answer)}`);
    expect(view.locked.toSorted()).toEqual(
      ['actionLabel', 'cftr.accessId', 'cftr.baseUrl', 'rateLimits.cftrPerMinute'].toSorted(),
    );
    expect(view.settings.cftr.baseUrl).toBe(sandbox.cftrBase);
    expect(view.settings.actionLabel).toBe('Raise a Respond case');
    // Secrets never come from policy.
    expect(view.secrets.cftr.set).toBe(false);
    expect(JSON.stringify(view)).not.toContain(POLICY_SECRET);
    await page.close();
  });

  it('the options page shows those fields locked, "Set by your administrator"', async () => {
    const page = await open(firefox.browser, 'options.html');
    await page.waitForSelector('#cftr-baseUrl', { timeout: 20_000 });
    const field = (id: string) =>
      page.$eval(`#${id}`, (el) => ({
        disabled: (el as HTMLInputElement).disabled,
        value: (el as HTMLInputElement).value,
        describedBy: el.getAttribute('aria-describedby') ?? '',
      }));
    for (const id of ['cftr-baseUrl', 'cftr-accessId', 'actionLabel']) {
      const state = await waitFor(
        () => field(id),
        (f) => f.disabled,
        id,
      );
      expect(state.describedBy, id).toContain(`${id}-locked`);
      expect(await textOf(page, `#${id}-locked`)).toBe('Set by your administrator');
    }
    expect((await field('cftr-baseUrl')).value).toBe(sandbox.cftrBase);
    expect((await field('actionLabel')).value).toBe('Raise a Respond case');
    expect(await field('rateLimits-cftrPerMinute')).toMatchObject({ disabled: true, value: '30' });
    // Not locked: still the user's to edit, the secret key above all.
    for (const id of ['ctix-baseUrl', 'ctix-accessId', 'cftr-secret']) {
      expect((await field(id)).disabled, id).toBe(false);
      expect(await page.$(`#${id}-locked`)).toBeNull();
    }
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(
      POLICY_SECRET,
    );
    await page.close();
  });
});
