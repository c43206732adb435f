// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../../utils/model/views';
import {
  $,
  $$,
  buttonByText,
  click,
  json,
  loaded,
  okTenant,
  renderOptions,
  text,
  type,
  unmountAll,
  type Route,
} from './render';

afterEach(unmountAll);

const CTIX = 'https://tenant.cyware.com/ctixapi/';
const CFTR = 'https://tenant.cyware.com/cftrapi/openapi/';
const SECRET = 's3cr3t-value-never-shown';

function fillBoth(): void {
  type('#ctix-baseUrl', 'tenant.cyware.com/ctixapi');
  type('#ctix-accessId', 'ctix-id');
  type('#ctix-secret', SECRET);
  type('#cftr-baseUrl', 'https://tenant.cyware.com/cftr/incidents/123');
  type('#cftr-accessId', 'cftr-id');
  type('#cftr-secret', `${SECRET}-2`);
}

describe('options page: connection cards', () => {
  it('normalises what is pasted, derives the UI URL and validates inline', async () => {
    renderOptions();
    await loaded();
    type('#ctix-baseUrl', 'tenant.cyware.com/ctixapi');
    await expect.poll(() => text('#ctix-baseUrl-normalised')).toBe(`API base used: ${CTIX}`);
    type('#cftr-baseUrl', 'https://tenant.cyware.com/cftr/incidents/123');
    await expect
      .poll(() => $<HTMLInputElement>('#cftr-uiUrl')?.value)
      .toBe('https://tenant.cyware.com/cftr/');
    type('#cftr-baseUrl', 'http://tenant.cyware.com/cftrapi/openapi/');
    await expect.poll(() => text('#cftr-baseUrl-error')).toMatch(/Use https:\/\//);
    const input = $('#cftr-baseUrl')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain('cftr-baseUrl-error');
    // Loopback may use http.
    type('#cftr-baseUrl', 'http://127.0.0.1:8787/cftrapi/openapi/');
    await expect.poll(() => $('#cftr-baseUrl-error')).toBeNull();
    expect(text('.tls-note')).toMatch(/SSL Verify: always on/);
  });

  it('asks for exactly the two origins inside the click, then saves; the secret is never shown again', async () => {
    const { events, app } = renderOptions();
    await loaded();
    fillBoth();
    await expect
      .poll(() => text('#unsaved-changes'))
      .toBe('Unsaved changes: Intel Exchange connection, Respond connection');
    events.log.length = 0;
    click('#save-button');
    // Synchronously, in the click: the permission request is the first thing that happened.
    expect(events.log).toEqual(['permissions.request https://tenant.cyware.com/*']);
    await expect.poll(() => text('#save-notice')).toBe('Settings saved.');
    expect(events.log.indexOf('send settings.save')).toBeGreaterThan(0);

    const stored = await app.services.settings.getLocal();
    expect(stored.ctix.baseUrl).toBe(CTIX);
    expect(stored.cftr.baseUrl).toBe(CFTR);
    expect(stored.cftr.uiUrl).toBe('https://tenant.cyware.com/cftr/');
    expect(await app.services.secrets.get('ctix')).toBe(SECRET);
    expect(await app.services.secrets.get('cftr')).toBe(`${SECRET}-2`);

    await expect.poll(() => text('#ctix-secret-status')).toMatch(/set on/);
    expect($('#ctix-secret')).toBeNull();
    expect(document.documentElement.outerHTML).not.toContain(SECRET);
    expect(text('#unsaved-changes')).toBe('');
  });

  it('saves nothing when the browser refuses access, and says so', async () => {
    const { app, events } = renderOptions({ grant: false });
    await loaded();
    fillBoth();
    click('#save-button');
    await expect
      .poll(() => text('#save-notice'))
      .toMatch(
        /^Nothing was saved: the browser did not grant access to https:\/\/tenant\.cyware\.com\/\*/,
      );
    expect(events.log).not.toContain('send settings.save');
    expect((await app.services.settings.getLocal()).ctix.baseUrl).toBe('');
    expect(await app.services.secrets.get('ctix')).toBeNull();
    // The typed values stay for another try.
    expect($<HTMLInputElement>('#ctix-accessId')?.value).toBe('ctix-id');
  });

  it('replaces a saved key only when a new one is typed', async () => {
    const { app } = renderOptions();
    await loaded();
    fillBoth();
    click('#save-button');
    await expect.poll(() => text('#ctix-secret-status')).toMatch(/set on/);
    click('#ctix-secret-status + button');
    await expect.poll(() => $('#ctix-secret')).toBeTruthy();
    type('#ctix-secret', 'new-key');
    await expect
      .poll(() => text('#unsaved-changes'))
      .toBe('Unsaved changes: Intel Exchange connection');
    buttonByText('Keep current key').click();
    await expect.poll(() => text('#unsaved-changes')).toBe('');
    click('#ctix-secret-status + button');
    await expect.poll(() => $('#ctix-secret')).toBeTruthy();
    type('#ctix-secret', 'new-key');
    click('#save-button');
    await expect.poll(async () => app.services.secrets.get('ctix')).toBe('new-key');
    expect(await app.services.secrets.get('cftr')).toBe(`${SECRET}-2`);
  });

  it.each([
    [
      (u: URL) => (u.pathname.endsWith('/ping/') ? json(401, { detail: 'bad' }) : okTenant(u, {})),
      /^Wrong credentials\. .*401/,
    ],
    [() => json(403, { detail: 'signature expired' }), /^Clock skew or missing permission\./],
    [
      () =>
        new Response('<html><h1>Sign in</h1></html>', {
          status: 403,
          headers: { 'content-type': 'text/html' },
        }),
      /^Blocked by an access proxy\./,
    ],
    [() => json(404, { detail: 'Not found.' }), /^Wrong base URL\./],
    [
      () => {
        throw new TypeError('Failed to fetch');
      },
      /^Unreachable\. Could not reach https:\/\/tenant\.cyware\.com/,
    ],
  ])('reports a test result in words (%#)', async (route, expected) => {
    const { events } = renderOptions({ route });
    await loaded();
    fillBoth();
    click('#save-button');
    await expect.poll(() => text('#save-notice')).toBe('Settings saved.');
    await expect.poll(() => text('#ctix-test')).toBe('Test connection');
    click('#ctix-test');
    await expect.poll(() => text('#ctix-test-result')).toMatch(expected);
    expect(events.log).toContain('fetch GET /ctixapi/ping/');
    // Server text is text: nothing the server sent became elements.
    expect($('#ctix-test-result h1')).toBeNull();
  });

  it('says OK with the latency, and the status banner follows', async () => {
    renderOptions();
    await loaded();
    fillBoth();
    click('#save-button');
    await expect.poll(() => text('#save-notice')).toBe('Settings saved.');
    click('#cftr-test');
    await expect.poll(() => text('#cftr-test-result')).toMatch(/^OK in \d+ ms\./);
    await expect
      .poll(() => text('#status-cftr'))
      .toMatch(/^Respond: Connected\. Last test just now: OK in \d+ ms\.$/);
  });

  it('saves first from "Save and test" when the card has changes', async () => {
    const { events } = renderOptions();
    await loaded();
    fillBoth();
    await expect.poll(() => text('#ctix-test')).toBe('Save and test');
    events.log.length = 0;
    click('#ctix-test');
    expect(events.log[0]).toBe('permissions.request https://tenant.cyware.com/*');
    await expect.poll(() => text('#ctix-test-result')).toMatch(/^OK in/);
    const order = events.log.filter(
      (e) => e.startsWith('send settings.save') || e.startsWith('send connection.test'),
    );
    expect(order).toEqual(['send settings.save', 'send connection.test']);
  });

  it('offers to grant access when a saved origin is not granted', async () => {
    const { permissions } = renderOptions();
    await loaded();
    fillBoth();
    click('#save-button');
    await expect.poll(() => text('#save-notice')).toBe('Settings saved.');
    permissions.contains.mockResolvedValue(false);
    click('#ctix-test');
    await expect
      .poll(() => text('#ctix-test-result'))
      .toMatch(
        /^Browser access missing\. The browser has not given this extension access to https:\/\/tenant\.cyware\.com/,
      );
    permissions.request.mockClear();
    buttonByText('Grant access').click();
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://tenant.cyware.com/*'] });
  });

  it('warns in the status banner about a key that expires soon', async () => {
    const { messenger } = renderOptions();
    await loaded();
    const soon = new Date(Date.now() + 2 * 86_400_000);
    const day = `${soon.getFullYear()}-${String(soon.getMonth() + 1).padStart(2, '0')}-${String(soon.getDate()).padStart(2, '0')}`;
    type('#cftr-expiresOn', day);
    click('#save-button');
    await expect
      .poll(() => text('#status-cftr'))
      .toMatch(`The API key expires in 2 days (${day}).`);
    const view: SettingsView = await messenger('settings.get', {});
    expect(view.settings.cftr.expiresOn).toBe(day);
    expect($$('.status-item.tone-warn')).toHaveLength(1);
  });
});

describe('options page: the tenant’s IOC types', () => {
  it('a passing Intel Exchange test replaces the built-in type list without a reload', async () => {
    // The types call right after the save fails (a proxy still warming up, say), then works:
    // only a reload used to bring the tenant's types.
    let typeCalls = 0;
    const route: Route = (url, init) => {
      if (url.pathname.endsWith('/ioc-types/') && ++typeCalls === 1) {
        return json(404, { detail: 'Not found.' });
      }
      return okTenant(url, init);
    };
    renderOptions({ route });
    await loaded();
    fillBoth();
    click('#ctix-test');
    await expect.poll(() => text('#ctix-test-result')).toMatch(/^OK in/);
    await expect
      .poll(() => text('.mapping-editor > .hint'))
      .toMatch(/from your Intel Exchange tenant/);
    expect(typeCalls).toBeGreaterThanOrEqual(2);
  });
});
