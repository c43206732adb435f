import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureAgainstSandbox } from './configure';
import { launchHarness, type Harness } from './harness';
import { clickMenu, dialogFrame, waitForDialog, waitForState } from './review-frame';
import { sandboxIncidents } from './sandbox-incidents';
import { trackForScreenshots } from './setup';

/**
 * Issue 15 in a real Chromium with the built extension against the sandbox: the IOC types
 * added by issue 15 (sha224, sha384, ssdeep, mac, registry-key, filename) are found in a
 * selection, listed in the review dialog under their default Respond fields, and sent in the
 * create request the sandbox receives. A mixed-script host (Cyrillic "а" in "paypal") carries
 * the look-alike marker in the dialog, in the light and the dark theme.
 */

const V = {
  sha224: 'd14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f',
  sha384:
    '38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b',
  ssdeep: '3072:Zx0AaBbCcDdEeFfGgHhIiJjKkLlMmNnOoPpQqRrSsTtUu:Zx0AaBbCcDdEeFfGgHh',
  mac: '00:1a:2b:3c:4d:5e',
  registry: 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\InvoiceViewer',
  filename: 'invoice_viewer.exe',
  /** p\u0430ypal-billing.com with a Cyrillic а, as the dialog shows it (A-label). */
  lure: 'xn--pypal-billing-w1k.com',
} as const;

const REPORT = [
  'Dropper report',
  `The loader ${V.filename} (SHA-224 ${V.sha224}, SHA-384 ${V.sha384}) persists under ` +
    'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\InvoiceViewer.',
  `SSDEEP: ${V.ssdeep}`,
  'It beacons from the host with MAC 00:1A:2B:3C:4D:5E to p\u0430ypal-billing.com.',
];

/** Which Respond field each value should land in (the shipped default mapping). */
const FIELDS: Record<string, string> = {
  [V.sha224]: 'file_hash_sha224',
  [V.sha384]: 'file_hash_sha384',
  [V.ssdeep]: 'file_hash_ssdeep',
  [V.mac]: 'mac_address',
  [V.registry]: 'registry_key',
  [V.filename]: 'file_name',
  [V.lure]: 'domain',
};

let h: Harness;
beforeAll(async () => {
  h = await launchHarness();
  await configureAgainstSandbox(h);
});
afterAll(async () => h?.close());
trackForScreenshots(() => h);

/** A sandbox page whose body is the report (as text nodes), all of it selected. */
async function reportPage(): Promise<Page> {
  const page = await h.openUrl(`${h.sandbox.url}/pages/plain.html`);
  await page.setViewport({ width: 1100, height: 900 });
  return page
    .evaluate((lines: string[]) => {
      document.body.replaceChildren(
        ...lines.map((line) => {
          const p = document.createElement('p');
          p.textContent = line;
          return p;
        }),
      );
      const range = document.createRange();
      range.selectNodeContents(document.body);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      return getSelection()?.toString() ?? '';
    }, REPORT)
    .then((selected) => {
      expect(selected).toContain(V.sha384);
      return page;
    });
}

async function rows(page: Page) {
  return (await dialogFrame(page)).$$eval('.ioc-row', (els) =>
    els.map((row) => ({
      value: row.getAttribute('data-value') ?? '',
      checked: (row.querySelector('input[type=checkbox]') as HTMLInputElement | null)?.checked,
      group: row.closest('.ioc-group')?.querySelector('h3')?.textContent ?? '',
      mapping: row.closest('.ioc-group')?.querySelector('.mapping')?.textContent ?? '',
      homograph: row.querySelector('.badge-homograph')?.textContent ?? null,
      homographTitle: row.querySelector('.badge-homograph')?.getAttribute('title') ?? null,
    })),
  );
}

describe('issue 15 types end to end', () => {
  it('lists the new types mapped, marks the look-alike host, and sends them to Respond', async () => {
    const page = await reportPage();
    await clickMenu(h, 'selection', page, { selectionText: REPORT[0] });
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched']);

    const listed = await rows(page);
    expect(listed.map((r) => r.value).toSorted()).toEqual(Object.keys(FIELDS).toSorted());
    for (const row of listed) {
      // Each one is checked and sits in a group mapped to its default Respond field.
      expect(row.checked, row.value).toBe(true);
      expect(row.mapping, row.value).toBe(`→ Respond field ${FIELDS[row.value]}`);
    }
    const lure = listed.find((r) => r.value === V.lure);
    expect(lure?.homograph).toBe('⚠ mixed scripts — possible look-alike');
    expect(lure?.homographTitle).toMatch(/different alphabets/);
    expect(listed.filter((r) => r.homograph !== null)).toHaveLength(1);

    const frame = await dialogFrame(page);
    // The marker is drawn (not hidden or zero-sized) in both themes.
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      const box = await frame.$eval('.badge-homograph', (b) => {
        const r = b.getBoundingClientRect();
        const style = getComputedStyle(b);
        return { w: r.width, h: r.height, color: style.color, bg: style.backgroundColor };
      });
      expect(box.w).toBeGreaterThan(40);
      expect(box.h).toBeGreaterThan(10);
      expect(box.color).not.toBe(box.bg);
      await h.screenshot(page, `review-new-types-${scheme}`);
    }
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    // The groups below the fold: MAC, registry key, file name.
    await frame.$eval('.ioc-group:last-of-type', (g) => g.scrollIntoView({ block: 'end' }));
    await h.screenshot(page, 'review-new-types-rest');

    const before = (await sandboxIncidents(h)).length;
    await frame.click('button[type=submit]');
    await waitForState(page, ['done'], 20_000);
    const created = (await sandboxIncidents(h)).slice(before);
    expect(created).toHaveLength(1);
    const sent = created[0]?.body.threat_intel ?? {};
    const expected: Record<string, string[]> = {};
    for (const [value, field] of Object.entries(FIELDS)) (expected[field] ??= []).push(value);
    expect(sent).toEqual(expected);
    await h.screenshot(page, 'review-new-types-done');
    await page.close();
  });
});
