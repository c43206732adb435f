import { describe, expect, it, vi } from 'vitest';
import { changedSections, sameJson } from '../../../utils/options/diff';
import { formFromSettings } from '../../../utils/options/form';
import {
  hasHostAccess,
  hostPatterns,
  releaseOtherHosts,
  requestHostAccess,
  type PermissionsLike,
} from '../../../utils/options/host-access';
import { anyLockedUnder, isLocked } from '../../../utils/options/locked';
import { describeSettingsPath, exportFileName } from '../../../utils/options/settings-file';
import { outboxNote, summariseConnection } from '../../../utils/options/status-text';
import { describeTestResult } from '../../../utils/options/test-result';
import { CTIX_OBJECT_TYPES, typeChoices } from '../../../utils/options/type-choices';
import { defaultSettings } from '../../../utils/settings/defaults';

const none = { ctix: false, cftr: false };

describe('changedSections', () => {
  const saved = defaultSettings();
  saved.cftr.baseUrl = 'https://t.cyware.com/cftrapi/openapi/';
  saved.cftr.uiUrl = 'https://t.cyware.com/cftr/';

  it('sees no change in an untouched form, or in the saved URL pasted differently', () => {
    const form = formFromSettings(saved, none);
    expect(changedSections(form, saved)).toEqual([]);
    form.cftr.baseUrl = 'https://t.cyware.com/cftrapi/openapi';
    expect(changedSections(form, saved)).toEqual([]);
  });

  it('names each changed section once, in page order', () => {
    const form = formFromSettings(saved, none);
    form.extraction.refang = false;
    form.mapping.pop();
    form.ctix.accessId = 'x';
    expect(changedSections(form, saved)).toEqual(['ctix', 'mapping', 'extraction']);
  });

  it('counts a typed secret as a change of its connection', () => {
    const form = formFromSettings(saved, none);
    form.secrets.cftr = { editing: true, value: '   ' };
    expect(changedSections(form, saved)).toEqual([]);
    form.secrets.cftr = { editing: true, value: 'new-key' };
    expect(changedSections(form, saved)).toEqual(['cftr']);
  });

  it('compares JSON structurally', () => {
    expect(sameJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson(Number.NaN, Number.NaN)).toBe(true);
  });
});

describe('isLocked', () => {
  const locked = ['cftr.baseUrl', 'mapping', 'extraction.types'];
  it('locks a path and everything below it, not its siblings or parents', () => {
    expect(isLocked(locked, 'cftr.baseUrl')).toBe(true);
    expect(isLocked(locked, 'cftr.uiUrl')).toBe(false);
    expect(isLocked(locked, 'mapping.3.respondField')).toBe(true);
    expect(isLocked(locked, 'extraction')).toBe(false);
    expect(isLocked(locked, 'mappingX')).toBe(false);
    expect(anyLockedUnder(locked, 'extraction')).toBe(true);
    expect(anyLockedUnder(locked, 'routes')).toBe(false);
  });
});

function fake(granted: string[] = []) {
  const p = {
    request: vi.fn(async () => true),
    contains: vi.fn(async ({ origins }: { origins: string[] }) =>
      origins.every((o) => granted.includes(o)),
    ),
    getAll: vi.fn(async () => ({ origins: granted })),
    remove: vi.fn(async ({ origins }: { origins: string[] }) => {
      if (origins[0] === 'http://127.0.0.1/*') throw new Error('required permission');
      return true;
    }),
  } satisfies PermissionsLike;
  return p;
}

describe('host access', () => {
  it('asks for exactly the configured origins, once each, without ports', () => {
    const s = defaultSettings();
    expect(hostPatterns(s)).toEqual([]);
    s.ctix.baseUrl = 'https://t.cyware.com/ctixapi/';
    s.cftr.baseUrl = 'https://t.cyware.com/cftrapi/openapi/';
    expect(hostPatterns(s)).toEqual(['https://t.cyware.com/*']);
    s.cftr.baseUrl = 'http://127.0.0.1:8787/cftrapi/openapi/';
    expect(hostPatterns(s)).toEqual(['https://t.cyware.com/*', 'http://127.0.0.1/*']);
  });

  it('calls permissions.request synchronously (user gesture) and turns a rejection into false', async () => {
    const p = fake();
    const pending = requestHostAccess(p, ['https://t.cyware.com/*']);
    expect(p.request).toHaveBeenCalledWith({ origins: ['https://t.cyware.com/*'] });
    expect(await pending).toBe(true);
    p.request.mockRejectedValueOnce(new Error('no gesture'));
    expect(await requestHostAccess(p, ['https://t.cyware.com/*'])).toBe(false);
    expect(await requestHostAccess(p, [])).toBe(true);
    expect(p.request).toHaveBeenCalledTimes(2);
  });

  it('releases origins no longer configured and survives manifest-required ones', async () => {
    const p = fake(['https://old.cyware.com/*', 'https://t.cyware.com/*', 'http://127.0.0.1/*']);
    await releaseOtherHosts(p, ['https://t.cyware.com/*']);
    expect(p.remove.mock.calls.map((c) => c[0].origins[0])).toEqual([
      'https://old.cyware.com/*',
      'http://127.0.0.1/*',
    ]);
  });

  it('checks access to one base', async () => {
    const p = fake(['https://t.cyware.com/*']);
    expect(await hasHostAccess(p, 'https://t.cyware.com/ctixapi/')).toBe(true);
    expect(await hasHostAccess(p, 'https://u.cyware.com/ctixapi/')).toBe(false);
  });
});

describe('describeTestResult', () => {
  it('says OK with the latency', () => {
    expect(describeTestResult({ ok: true, latencyMs: 12.4 })).toMatchObject({
      tone: 'ok',
      headline: 'OK in 12 ms',
    });
    expect(describeTestResult({ ok: true, latencyMs: 2345 }).headline).toBe('OK in 2.3 s');
  });

  it.each([
    ['auth', 'Wrong credentials'],
    ['skew-or-forbidden', 'Clock skew or missing permission'],
    ['blocked-by-access-proxy', 'Blocked by an access proxy'],
    ['wrong-base-url', 'Wrong base URL'],
    ['network', 'Unreachable'],
  ] as const)('names %s as "%s" and keeps the background message and detail', (kind, headline) => {
    const outcome = describeTestResult({
      ok: false,
      latencyMs: 40,
      error: { kind, message: 'Because.', retryable: false, detail: '<html>' },
    });
    expect(outcome).toEqual({
      tone: 'error',
      headline,
      message: 'Because. (after 40 ms)',
      detail: '<html>',
    });
  });
});

const fmt = () => 'just now';

describe('summariseConnection', () => {
  it('explains a missing setup', () => {
    expect(
      summariseConnection({ configured: false, expiresOn: null, expiry: 'none' }, fmt),
    ).toMatchObject({ tone: 'muted', state: 'Not configured' });
  });

  it('reports the last test and an expiry warning, the worse tone winning', () => {
    const s = summariseConnection(
      {
        configured: true,
        expiresOn: '2030-01-05',
        expiry: 'soon',
        daysLeft: 3,
        lastTest: { ok: true, at: 1, latencyMs: 8 },
      },
      fmt,
    );
    expect(s).toEqual({
      tone: 'warn',
      state: 'Connected',
      stateTone: 'ok',
      notes: ['Last test just now: OK in 8 ms.', 'The API key expires in 3 days (2030-01-05).'],
    });
  });

  it('shows an expired key and a failed test as errors', () => {
    const s = summariseConnection(
      {
        configured: true,
        expiresOn: '2020-01-01',
        expiry: 'expired',
        daysLeft: -9,
        lastTest: {
          ok: false,
          at: 1,
          error: { kind: 'auth', message: 'x', retryable: false },
        },
      },
      fmt,
    );
    expect(s.tone).toBe('error');
    expect(s.state).toBe('Wrong credentials');
    expect(s.notes[1]).toMatch(/expired on 2020-01-01/);
  });

  it('mentions queued and failed incidents', () => {
    expect(outboxNote({ queued: 0, failed: 0 })).toBeNull();
    expect(outboxNote({ queued: 1, failed: 2 })).toBe(
      '1 incident queued, 2 failed: see the popup.',
    );
  });
});

describe('settings file helpers', () => {
  it('dates the export file name', () => {
    expect(exportFileName(Date.UTC(2031, 4, 6, 12))).toBe(
      'cftr-incident-bridge-settings-2031-05-06.json',
    );
  });
  it('names import error paths by section', () => {
    expect(describeSettingsPath('cftr.baseUrl')).toBe('Respond connection › baseUrl');
    expect(describeSettingsPath('')).toBe('File');
    expect(describeSettingsPath('format')).toBe('format');
  });
});

describe('typeChoices', () => {
  it('offers the object types beside a tenant IOC type list, each type once', () => {
    const choices = typeChoices([
      { id: 'ipv4-addr', name: 'IPv4 Address' },
      { id: 'Malware', name: 'Malware (tenant)' },
    ]);
    expect(choices.slice(0, 2)).toEqual([
      { id: 'ipv4-addr', name: 'IPv4 Address' },
      { id: 'Malware', name: 'Malware (tenant)' },
    ]);
    expect(choices.filter((c) => c.id.toLowerCase() === 'malware')).toHaveLength(1);
    expect(choices).toContainEqual({ id: 'threat-actor', name: 'Threat actor (object)' });
    expect(choices).toHaveLength(2 + CTIX_OBJECT_TYPES.length - 1);
  });
});
