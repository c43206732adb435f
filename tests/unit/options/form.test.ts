import { describe, expect, it } from 'vitest';
import {
  formFromSettings,
  formFromView,
  secretsFromForm,
  settingsFromForm,
  splitList,
  splitLines,
  withRespondBase,
} from '../../../utils/options/form';
import { defaultSettings } from '../../../utils/settings/defaults';
import { settingsSchema } from '../../../utils/settings/schema';

const none = { ctix: false, cftr: false };

describe('options form <-> settings', () => {
  it('round-trips the defaults unchanged', () => {
    const d = defaultSettings();
    expect(settingsFromForm(formFromSettings(d, none))).toEqual(d);
  });

  it('round-trips configured settings, and what it builds passes the settings schema', () => {
    const s = defaultSettings();
    s.ctix = { baseUrl: 'https://t.cyware.com/ctixapi/', accessId: 'a1', expiresOn: '2030-01-02' };
    s.cftr = {
      baseUrl: 'https://t.cyware.com/cftrapi/openapi/',
      accessId: 'b2',
      expiresOn: null,
      uiUrl: 'https://ui.example/cftr/',
    };
    s.extraction.allowlist = ['*.corp.example', '10.0.0.0/8'];
    s.template.apiIdPaths = ['data.incident_uuid', 'unique_id'];
    const back = settingsFromForm(formFromSettings(s, none));
    expect(back).toEqual(s);
    expect(settingsSchema.safeParse(back).success).toBe(true);
  });

  it('normalises pasted URLs like the background does', () => {
    const form = formFromSettings(defaultSettings(), none);
    form.ctix.baseUrl = '  https://t.cyware.com/ctix/threatdata/indicator/1 ';
    form.cftr.baseUrl = 'https://t.cyware.com/cftrapi/openapi';
    const s = settingsFromForm(form);
    expect(s.ctix.baseUrl).toBe('https://t.cyware.com/ctixapi/');
    expect(s.cftr.baseUrl).toBe('https://t.cyware.com/cftrapi/openapi/');
    // An empty UI URL is derived from the API URL, as the background would.
    expect(s.cftr.uiUrl).toBe('https://t.cyware.com/cftr/');
  });

  it('parses comma/line separated lists and one-per-line allowlists', () => {
    expect(splitList(' unique_id,\n id ,, data.x \n')).toEqual(['unique_id', 'id', 'data.x']);
    expect(splitLines('a.example\n\n 10.0.0.0/8 \n')).toEqual(['a.example', '10.0.0.0/8']);
  });

  it('keeps a rate being typed as NaN rather than inventing a number', () => {
    const form = formFromSettings(defaultSettings(), none);
    form.rateLimits.ctixPerMinute = '';
    expect(settingsFromForm(form).rateLimits.ctixPerMinute).toBeNaN();
  });
});

describe('Respond UI URL follows the API URL until the user sets their own', () => {
  it('derives it from an empty or derived value', () => {
    const form = formFromSettings(defaultSettings(), none);
    let cftr = withRespondBase(form.cftr, 'https://a.cyware.com/cftrapi/openapi/');
    expect(cftr.uiUrl).toBe('https://a.cyware.com/cftr/');
    cftr = withRespondBase(cftr, 'https://b.cyware.com/cftrapi/openapi/');
    expect(cftr.uiUrl).toBe('https://b.cyware.com/cftr/');
  });

  it('keeps a UI URL the user edited', () => {
    const form = formFromSettings(defaultSettings(), none);
    const cftr = withRespondBase(
      {
        ...form.cftr,
        baseUrl: 'https://a.cyware.com/cftrapi/openapi/',
        uiUrl: 'https://ui.example/x/',
      },
      'https://b.cyware.com/cftrapi/openapi/',
    );
    expect(cftr.uiUrl).toBe('https://ui.example/x/');
  });
});

describe('secrets are write-only', () => {
  it('opens the secret input only where no key is saved', () => {
    const view = {
      settings: defaultSettings(),
      secrets: { ctix: { set: true, updatedAt: 1 }, cftr: { set: false } },
      locked: [],
    };
    const form = formFromView(view);
    expect(form.secrets.ctix).toEqual({ editing: false, value: '' });
    expect(form.secrets.cftr).toEqual({ editing: true, value: '' });
  });

  it('sends only typed, trimmed keys of open inputs', () => {
    const form = formFromSettings(defaultSettings(), none);
    expect(secretsFromForm(form)).toEqual({});
    form.secrets.ctix = { editing: true, value: ' k1\n' };
    form.secrets.cftr = { editing: false, value: 'stale' };
    expect(secretsFromForm(form)).toEqual({ ctix: 'k1' });
  });
});
