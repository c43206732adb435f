import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { configureAgainstSandbox, sendFromPage } from './configure';
import { E2E_BUILD, launchHarness, SCREENSHOT_DIR, type Harness } from './harness';
import { waitForText } from './page-text';
import { trackForScreenshots } from './setup';

/**
 * Admin policy `secretLock.requirePassphrase: true` (issue 13) through a real Chromium machine
 * policy (/etc/chromium/policies/managed, for this build's extension ID only). The e2e build
 * pre-grants the sandbox origin. Until the user sets a passphrase nothing is signed and no
 * secret can be stored; once set, the lock cannot be turned off. Needs root (CI runs as root);
 * the policy file is removed afterwards.
 */

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'cftr-incident-bridge-lock-e2e.json');
const PASS = 'amber-signal-2031';

function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCodePoint(97 + Number.parseInt(c, 16))).join('');
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

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

describe.skipIf(!canWritePolicy())('admin policy requires the passphrase lock', () => {
  let sandbox: Sandbox;
  let h: Harness | undefined;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    const id = unpackedExtensionId(E2E_BUILD);
    writeFileSync(
      POLICY_FILE,
      JSON.stringify({
        '3rdparty': { extensions: { [id]: { secretLock: { requirePassphrase: true } } } },
      }),
    );
    try {
      h = await launchHarness({ loadVia: 'flag', sandbox });
    } catch (error) {
      rmSync(POLICY_FILE, { force: true });
      throw error;
    }
    expect(h.extensionId).toBe(id);
  }, 60_000);
  afterAll(async () => {
    rmSync(POLICY_FILE, { force: true });
    await h?.close();
    await sandbox?.stop();
  });
  trackForScreenshots(() => h);

  it('nothing is stored or signed until a passphrase is set; then it cannot be turned off', async () => {
    const harness = h!;
    const popup = await harness.openExtensionPage('popup.html');
    const notice = await waitForText(popup, '[data-testid="lock-notice"]', /Locked/);
    expect(notice).toContain('Locked — unlock to send');
    expect(notice).toContain('Your administrator requires a passphrase lock');

    // Saving a secret key is refused, with words.
    const current = (await sendFromPage(popup, 'settings.get', {})) as Answer<{
      settings: Record<string, unknown>;
    }>;
    if (!current.ok) throw new Error('settings.get failed');
    const refused = (await sendFromPage(popup, 'settings.save', {
      settings: current.data.settings,
      secrets: { cftr: sandbox.credentials.cftr.secret },
    })) as Answer<unknown>;
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/^Locked — your administrator requires/);

    const options = await harness.openExtensionPage('options.html');
    await options.waitForSelector('[data-lock-status="setup-required"]');
    expect(await waitForText(options, '[data-testid="lock-banner"]', /Locked/)).toContain(
      'Locked — unlock to send',
    );
    await (await options.$('#lock'))!.screenshot({
      path: join(SCREENSHOT_DIR, 'options-lock-section-required.png'),
    });
    await options.type('#lock-new', PASS);
    await options.type('#lock-confirm', PASS);
    await options.click('#lock-enable');
    await options.waitForSelector('[data-lock-status="unlocked"]', { timeout: 15_000 });
    expect(await options.$('#lock-disable')).toBeNull();
    await waitForText(options, '#lock', /required by your administrator/);

    await configureAgainstSandbox(harness);
    const test = (await sendFromPage(options, 'connection.test', {
      product: 'cftr',
    })) as Answer<{ ok: boolean }>;
    expect(test.ok && test.data.ok).toBe(true);

    const off = (await sendFromPage(options, 'lock.disable', {
      passphrase: PASS,
    })) as Answer<unknown>;
    expect(off.ok).toBe(false);
    if (!off.ok) expect(off.error.message).toMatch(/administrator requires/);
    await popup.close();
    await options.close();
  }, 90_000);
});
