import type { Page } from 'puppeteer';
import type { Harness } from './harness';

/**
 * Sends one contract message from an extension page (options/popup), exactly as our pages do,
 * and returns the router's raw `{ ok, data | error }` answer.
 */
export async function sendFromPage(page: Page, type: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    (t: string, p: unknown) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ channel: 'cftr-bridge', type: t, payload: p }),
    type,
    payload,
  );
}

/** What an admin would type into the options page, for the harness's sandbox. */
export function sandboxSettingsPayload(h: Harness, overrides: Record<string, unknown> = {}) {
  const { sandbox } = h;
  return {
    ctix: {
      baseUrl: sandbox.ctixBase,
      accessId: sandbox.credentials.ctix.accessId,
      expiresOn: null,
    },
    cftr: {
      baseUrl: sandbox.cftrBase,
      accessId: sandbox.credentials.cftr.accessId,
      expiresOn: null,
      uiUrl: `${sandbox.url}/cftr/`,
    },
    ...overrides,
  };
}

/**
 * Saves settings and both secrets through the worker's real `settings.save` handler, from an
 * extension page (the only sender allowed to). Starts from the stored settings so defaults
 * (mapping, template...) stay as the product ships them.
 */
export async function configureAgainstSandbox(
  h: Harness,
  overrides: Record<string, unknown> = {},
): Promise<void> {
  const page = await h.openExtensionPage('popup.html');
  try {
    const current = (await sendFromPage(page, 'settings.get', {})) as {
      ok: boolean;
      data?: { settings: Record<string, unknown> };
    };
    if (!current.ok || !current.data) {
      throw new Error(`settings.get failed: ${JSON.stringify(current)}`);
    }
    const result = await sendFromPage(page, 'settings.save', {
      settings: { ...current.data.settings, ...sandboxSettingsPayload(h, overrides) },
      secrets: { ctix: h.sandbox.credentials.ctix.secret, cftr: h.sandbox.credentials.cftr.secret },
    });
    if (!(result as { ok?: boolean }).ok) {
      throw new Error(`settings.save failed: ${JSON.stringify(result)}`);
    }
  } finally {
    await page.close();
  }
}
