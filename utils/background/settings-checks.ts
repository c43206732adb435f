import { deriveRespondUiUrl, normaliseCtixBase, normaliseRespondBase } from '../cyware/base-url';
import { validateTemplate } from '../cyware/template';
import type { Settings } from '../settings/schema';

export interface FieldError {
  path: string;
  message: string;
}

function normaliseUiUrl(input: string): string | FieldError {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    return url.pathname.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    return { path: 'cftr.uiUrl', message: `"${input}" is not a valid https:// URL.` };
  }
}

/**
 * Settings with both API bases normalised the way the clients expect (whatever the admin
 * pasted: UI URL, API URL, no trailing slash) and the Respond UI URL derived when left
 * empty. Empty base URLs stay empty (= not configured). Errors name the field at fault.
 */
export function normaliseSettingsUrls(
  input: Settings,
): { ok: true; settings: Settings } | { ok: false; errors: FieldError[] } {
  const settings = structuredClone(input);
  const errors: FieldError[] = [];
  if (settings.ctix.baseUrl.trim()) {
    const r = normaliseCtixBase(settings.ctix.baseUrl);
    if (r.ok) settings.ctix.baseUrl = r.base;
    else errors.push({ path: 'ctix.baseUrl', message: r.error });
  } else settings.ctix.baseUrl = '';
  if (settings.cftr.baseUrl.trim()) {
    const r = normaliseRespondBase(settings.cftr.baseUrl);
    if (r.ok) settings.cftr.baseUrl = r.base;
    else errors.push({ path: 'cftr.baseUrl', message: r.error });
  } else settings.cftr.baseUrl = '';
  if (settings.cftr.uiUrl.trim()) {
    const ui = normaliseUiUrl(settings.cftr.uiUrl);
    if (typeof ui === 'string') settings.cftr.uiUrl = ui;
    else errors.push(ui);
  } else if (settings.cftr.baseUrl && errors.every((e) => e.path !== 'cftr.baseUrl')) {
    settings.cftr.uiUrl = deriveRespondUiUrl(settings.cftr.baseUrl);
  } else settings.cftr.uiUrl = '';
  settings.ctix.accessId = settings.ctix.accessId.trim();
  settings.cftr.accessId = settings.cftr.accessId.trim();
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/**
 * Everything a save or an import must pass beyond the zod schema: usable base URLs (then
 * normalised) and an incident template that renders and carries the Bridge-Ref.
 */
export function checkSettings(
  input: Settings,
): { ok: true; settings: Settings } | { ok: false; errors: FieldError[] } {
  const urls = normaliseSettingsUrls(input);
  const errors = urls.ok ? [] : [...urls.errors];
  const template = validateTemplate(input.template.body);
  if (!template.ok) {
    errors.push({
      path: 'template.body',
      message: `Line ${template.line}, column ${template.column}: ${template.error}`,
    });
  }
  return urls.ok && errors.length === 0 ? urls : { ok: false, errors };
}

/**
 * For settings that did not come through a save (admin policy): derive the Respond UI URL if
 * policy set only the API URL. Never throws; invalid values are left for the connection
 * test to report.
 */
export function finalizeEffective(settings: Settings): Settings {
  if (settings.cftr.uiUrl || !settings.cftr.baseUrl) return settings;
  try {
    return {
      ...settings,
      cftr: { ...settings.cftr, uiUrl: deriveRespondUiUrl(settings.cftr.baseUrl) },
    };
  } catch {
    return settings;
  }
}
