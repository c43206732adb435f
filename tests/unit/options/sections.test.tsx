// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_TEMPLATE_BODY, defaultSettings } from '../../../utils/settings/defaults';
import {
  $,
  $$,
  buttonByText,
  click,
  loaded,
  renderOptions,
  text,
  type,
  unmountAll,
} from './render';

afterEach(unmountAll);

const rows = () =>
  $$('.mapping-row').map((row) => ({
    field: row.querySelector<HTMLInputElement>('input[type="text"]')?.value,
    types: [...row.querySelectorAll('.chip code')].map((c) => c.textContent),
  }));

function select(sel: string, value: string): void {
  const el = $<HTMLSelectElement>(sel);
  if (!el) throw new Error(`No ${sel}`);
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('options page: field mapping', () => {
  it('starts from the defaults with built-in type choices until Intel Exchange is connected', async () => {
    renderOptions();
    await loaded();
    await expect.poll(() => rows().length).toBe(defaultSettings().mapping.length);
    expect(rows()[0]).toEqual({ field: 'ip_address', types: ['ipv4-addr', 'ipv6-addr'] });
    await expect.poll(() => text('.mapping-editor > .hint')).toMatch(/built-in list/);
    expect($$('.mapping-row:first-child option').map((o) => o.getAttribute('value'))).toContain(
      'btc-address',
    );
  });

  it('adds, edits and removes rows, flags a type mapped twice, and saves', async () => {
    const { app } = renderOptions();
    await loaded();
    await expect.poll(() => rows().length).toBe(defaultSettings().mapping.length);
    buttonByText('Add row').click();
    await expect.poll(() => rows().length).toBe(defaultSettings().mapping.length + 1);
    const last = '.mapping-row:last-child';
    type(`${last} input[type="text"]`, 'wallet');
    select(`${last} select`, 'btc-address');
    $<HTMLButtonElement>(`${last} .type-add button`)!.click();
    await expect.poll(() => rows().at(-1)).toEqual({ field: 'wallet', types: ['btc-address'] });
    // url is mapped in row 3 already: flagged on both rows, allowed.
    select(`${last} select`, 'url');
    $<HTMLButtonElement>(`${last} .type-add button`)!.click();
    await expect
      .poll(() => text(`${last} .field-warning`))
      .toMatch(/^Mapped twice: url is also mapped in url \(row 3\)/);
    expect($$('.chip-dup')).toHaveLength(2);
    const typesSelect = $(`${last} select`)!;
    expect(typesSelect.getAttribute('aria-describedby')).toMatch(/-dup$/);
    $<HTMLButtonElement>(`${last} button[aria-label="Remove url from wallet"]`)!.click();
    await expect.poll(() => $$('.chip-dup')).toHaveLength(0);
    // Remove the email row.
    $$<HTMLButtonElement>('.mapping-row button.danger')
      .find((b) => b.textContent === 'Remove row for email')!
      .click();
    await expect.poll(() => rows().some((r) => r.field === 'email')).toBe(false);
    expect(text('#unsaved-changes')).toBe('Unsaved changes: Field mapping');
    click('#save-button');
    await expect.poll(() => text('#save-notice')).toBe('Settings saved.');
    const saved = (await app.services.settings.getLocal()).mapping;
    expect(saved.at(-1)).toEqual({ respondField: 'wallet', ctixTypes: ['btc-address'] });
    expect(saved.some((r) => r.respondField === 'email')).toBe(false);
  });

  it('refuses a row without a valid field or without types, beside the row', async () => {
    const { events } = renderOptions();
    await loaded();
    buttonByText('Add row').click();
    await expect.poll(() => rows().length).toBe(defaultSettings().mapping.length + 1);
    const last = '.mapping-row:last-child';
    type(`${last} input[type="text"]`, '9 bad');
    await expect.poll(() => text(`${last} .field-error`)).toMatch(/letters, digits/);
    expect(text(`${last} .type-picker + .field-error`)).toBe(
      'Map at least one Intel Exchange type.',
    );
    events.log.length = 0;
    click('#save-button');
    await expect
      .poll(() => text('#save-notice'))
      .toMatch(/^Nothing was saved: 2 fields need fixing/);
    expect(events.log).toEqual([]);
  });
});

describe('options page: incident template', () => {
  it('validates as you type, marks the line, and shows the background preview for a valid template', async () => {
    const { events } = renderOptions();
    await loaded();
    await expect.poll(() => text('#template-preview-body')).toMatch(/^\{"title":"Phishing wave/);
    expect(text('#template-preview-method')).toBe('POST');
    expect(text('#template-preview-url')).toMatch(
      /^https:\/\/your-tenant\.cyware\.com\/cftrapi\/openapi\/v1\/incident\/\?AccessID=YOUR_ACCESS_ID&Expires=\d+&Signature=/,
    );
    type(
      '#template-body',
      '{\n  "title": "{{title}}",\n  "description": "{{description}}",\n  "x": {{tlp}}\n}',
    );
    await expect.poll(() => text('#template-body-error')).toMatch(/^Line 4, column \d+:/);
    expect($('#template-body')!.getAttribute('aria-invalid')).toBe('true');
    expect($('.gutter-line.error-line')?.textContent).toBe('4');
    expect(text('.template-preview')).toMatch(/Fix the template fields above/);
    events.log.length = 0;
    click('#save-button');
    await expect
      .poll(() => text('#save-notice'))
      .toMatch(/^Nothing was saved: 1 field needs fixing/);
    expect(events.log).toEqual([]);
    buttonByText('Reset template to default').click();
    await expect
      .poll(() => $<HTMLTextAreaElement>('#template-body')?.value)
      .toBe(DEFAULT_TEMPLATE_BODY);
    await expect.poll(() => text('#unsaved-changes')).toBe('');
  });

  it('validates the paths and the link, and lists ID paths from commas or lines', async () => {
    const { app } = renderOptions();
    await loaded();
    type('#template-createPath', 'https://elsewhere.example/x');
    type('#template-linkTemplate', '{ui}incidents/{uuid}');
    type('#template-apiIdPaths', '');
    await expect.poll(() => text('#template-createPath-error')).toMatch(/not a full URL/);
    expect(text('#template-linkTemplate-error')).toMatch(/Unknown placeholder \{uuid\}/);
    expect(text('#template-apiIdPaths-error')).toMatch(/at least one path/);
    type('#template-createPath', 'v2/incidents/create/');
    type('#template-linkTemplate', '{ui}incident/{readable_id}');
    type('#template-apiIdPaths', 'data.incident_uuid,\nunique_id');
    await expect.poll(() => $('.field-error')).toBeNull();
    click('#save-button');
    await expect.poll(() => text('#save-notice')).toBe('Settings saved.');
    const t = (await app.services.settings.getLocal()).template;
    expect(t.createPath).toBe('v2/incidents/create/');
    expect(t.apiIdPaths).toEqual(['data.incident_uuid', 'unique_id']);
  });
});

describe('options page: label, extraction, routes', () => {
  it('edits the action label and the extraction settings, one allowlist problem per line', async () => {
    const { app } = renderOptions();
    await loaded();
    expect($<HTMLInputElement>('#actionLabel')?.value).toBe('Create CFTR Incident');
    type('#actionLabel', 'Raise case');
    $<HTMLInputElement>('#extraction-type-btc')!.click();
    expect($<HTMLInputElement>('#extraction-includePrivateIps')!.checked).toBe(false);
    $<HTMLInputElement>('#extraction-includePrivateIps')!.click();
    type('#extraction-allowlist', '*.corp.example\nhttps://x.example/\n10.0.0.0/8\n10.0.0.0/99');
    await expect
      .poll(() => $$('#extraction-allowlist-error li').map((li) => li.textContent))
      .toHaveLength(2);
    expect(text('#extraction-allowlist-error')).toMatch(
      /Line 2 \(https:\/\/x\.example\/\).*Line 4 \(10\.0\.0\.0\/99\)/,
    );
    expect($('#extraction-allowlist')!.getAttribute('aria-describedby')).toContain(
      'extraction-allowlist-error',
    );
    type('#extraction-allowlist', '*.corp.example\n\n10.0.0.0/8');
    type('#rateLimits-ctixPerMinute', '120');
    await expect.poll(() => $('#extraction-allowlist-error')).toBeNull();
    click('#save-button');
    await expect.poll(() => text('#save-notice')).toBe('Settings saved.');
    const s = await app.services.settings.getLocal();
    expect(s.actionLabel).toBe('Raise case');
    expect(s.extraction.types).not.toContain('btc');
    expect(s.extraction.includePrivateIps).toBe(true);
    expect(s.extraction.allowlist).toEqual(['*.corp.example', '10.0.0.0/8']);
    expect(s.rateLimits.ctixPerMinute).toBe(120);
  });

  it('tests a URL against the routes being edited', async () => {
    renderOptions();
    await loaded();
    type('#routes-tester', 'https://t.example/ctix/threat-bulletin/b%201');
    await expect.poll(() => text('#routes-tester-result')).toBe('Threat bulletin page: ID "b 1".');
    type('#routes-bulletin', '/ctix/bulletins/{id}');
    await expect
      .poll(() => text('#routes-tester-result'))
      .toBe('No match: this URL is none of the four page kinds.');
    type('#routes-investigation', '/ctix/inv');
    // An invalid route opens the section so the error can be seen and fixed.
    await expect.poll(() => text('#routes-investigation-error')).toMatch(/needs \{id\}/);
    expect($<HTMLDetailsElement>('details.routes')!.open).toBe(true);
  });
});

describe('options page: unsaved changes', () => {
  it('shows the bar, blocks leaving (beforeunload) and discards back to the saved values', async () => {
    renderOptions();
    await loaded();
    const quiet = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(quiet);
    expect(quiet.defaultPrevented).toBe(false);
    type('#actionLabel', 'Something else');
    await expect.poll(() => text('#unsaved-changes')).toBe('Unsaved changes: Action label');
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);
    buttonByText('Discard changes').click();
    await expect
      .poll(() => $<HTMLInputElement>('#actionLabel')?.value)
      .toBe('Create CFTR Incident');
    expect(text('#unsaved-changes')).toBe('');
  });
});

describe('options page: admin policy (fake browser managed storage)', () => {
  it('shows policy values locked, keeps others editable, and never takes a secret from policy', async () => {
    await fakeBrowser.storage.managed.set({
      cftr: { baseUrl: 'https://corp.cyware.com/cftrapi/openapi/', secret: 'from-policy' },
      actionLabel: 'Managed label',
      mapping: [{ respondField: 'ip', ctixTypes: ['ipv4-addr'] }],
      extraction: { refang: false },
    });
    const { app } = renderOptions();
    await loaded();
    await expect
      .poll(() => $<HTMLInputElement>('#cftr-baseUrl')?.value)
      .toBe('https://corp.cyware.com/cftrapi/openapi/');
    for (const id of ['cftr-baseUrl', 'actionLabel', 'extraction-refang']) {
      expect($<HTMLInputElement>(`#${id}`)!.disabled).toBe(true);
      expect(text(`#${id}-locked`)).toBe('Set by your administrator');
      expect($(`#${id}`)!.getAttribute('aria-describedby')).toContain(`${id}-locked`);
    }
    expect(text('#mapping-locked')).toBe('Set by your administrator');
    expect($$<HTMLButtonElement>('.mapping-editor button').every((b) => b.disabled)).toBe(true);
    expect($$('.chip-remove')).toHaveLength(0);
    for (const id of [
      'cftr-accessId',
      'ctix-baseUrl',
      'cftr-secret',
      'extraction-includePrivateIps',
    ]) {
      expect($<HTMLInputElement>(`#${id}`)!.disabled).toBe(false);
    }
    expect(document.documentElement.outerHTML).not.toContain('from-policy');
    expect(await app.services.secrets.get('cftr')).toBeNull();
    // A save keeps the policy on top.
    type('#cftr-accessId', 'me');
    click('#save-button');
    await expect.poll(() => text('#save-notice')).toBe('Settings saved.');
    expect((await app.services.settings.getEffective()).settings.actionLabel).toBe('Managed label');
  });
});

function upload(name: string, content: string): void {
  const input = $<HTMLInputElement>('#import-file')!;
  const file = new File([content], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('options page: import and export', () => {
  it('exports the saved settings to a dated file without secrets', async () => {
    const download = vi.fn();
    renderOptions({ download });
    await loaded();
    type('#cftr-secret', 'top-secret-value');
    type('#cftr-baseUrl', 'https://t.cyware.com/cftrapi/openapi/');
    click('#save-button');
    await expect.poll(() => text('#save-notice')).toBe('Settings saved.');
    buttonByText('Export settings').click();
    await expect.poll(() => download.mock.calls.length).toBe(1);
    const [name, json] = download.mock.calls[0] as [string, string];
    expect(name).toMatch(/^cftr-incident-bridge-settings-\d{4}-\d{2}-\d{2}\.json$/);
    expect(json).not.toContain('top-secret-value');
    expect(JSON.parse(json)).toMatchObject({ format: 'cftr-incident-bridge/settings', version: 1 });
  });

  it('lists the errors of a bad file per field and changes nothing', async () => {
    const { app } = renderOptions();
    await loaded();
    const before = await app.services.settings.getLocal();
    upload(
      'bad.json',
      JSON.stringify({ settings: { actionLabel: '', rateLimits: { cftrPerMinute: 'x' } } }),
    );
    await expect
      .poll(() => text('.import-result'))
      .toMatch(/^bad\.json was not imported and nothing was changed: 2 problems\./);
    expect($$('.import-errors li').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Action label \(actionLabel\): /),
      expect.stringMatching(/^Rate limits › cftrPerMinute \(rateLimits\.cftrPerMinute\): /),
    ]);
    expect(await app.services.settings.getLocal()).toEqual(before);
  });

  it('imports a good file, shows it at once, and round-trips an export', async () => {
    const download = vi.fn();
    const { app } = renderOptions({ download });
    await loaded();
    type('#actionLabel', 'Exported label');
    click('#save-button');
    await expect.poll(() => text('#save-notice')).toBe('Settings saved.');
    buttonByText('Export settings').click();
    await expect.poll(() => download.mock.calls.length).toBe(1);
    const exported = (download.mock.calls[0] as [string, string])[1];
    const saved = await app.services.settings.getLocal();

    type('#actionLabel', 'Changed afterwards');
    // Importing over unsaved changes is not offered.
    await expect.poll(() => $<HTMLInputElement>('#import-file')?.disabled).toBe(true);
    click('#save-button');
    await expect.poll(() => $<HTMLInputElement>('#import-file')?.disabled).toBe(false);
    upload('export.json', exported);
    await expect
      .poll(() => text('.import-result'))
      .toMatch(/^Imported the settings from export\.json\./);
    await expect.poll(() => $<HTMLInputElement>('#actionLabel')?.value).toBe('Exported label');
    expect(await app.services.settings.getLocal()).toEqual(saved);
  });
});
