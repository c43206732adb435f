import { deriveRespondUiUrl, normaliseCtixBase, normaliseRespondBase } from '../cyware/base-url';
import type { SettingsView } from '../model/views';
import type { ExtractableIocType, PageRoutes, Product, Settings } from '../settings/schema';
import { SETTINGS_VERSION } from '../settings/constants';

/**
 * The options page's editable copy of the settings. Text the user types stays text here (URLs
 * as pasted, comma/line separated lists, numbers being typed), so nothing they type is lost
 * or reformatted under their cursor; `settingsFromForm` turns it into Settings for saving and
 * for comparing with what is saved.
 */

/** A secret key being entered. The stored value is never known to the page. */
export interface SecretDraft {
  /** The input is shown: no key saved yet, or the user clicked Replace. */
  editing: boolean;
  /** What was typed; '' = keep the stored key (or none). Never rendered back into the DOM. */
  value: string;
}

export interface MappingRowDraft {
  /** Stable React key; not saved. */
  key: string;
  respondField: string;
  ctixTypes: string[];
}

export interface OptionsForm {
  ctix: { baseUrl: string; accessId: string; expiresOn: string };
  cftr: { baseUrl: string; accessId: string; expiresOn: string; uiUrl: string };
  secrets: Record<Product, SecretDraft>;
  mapping: MappingRowDraft[];
  template: {
    createPath: string;
    body: string;
    apiIdPaths: string;
    readableIdPaths: string;
    linkTemplate: string;
    defaultTlp: string;
  };
  actionLabel: string;
  routes: PageRoutes;
  extraction: {
    types: ExtractableIocType[];
    refang: boolean;
    includePrivateIps: boolean;
    /** One entry per line. */
    allowlist: string;
  };
  rateLimits: { ctixPerMinute: string; cftrPerMinute: string };
  overlay: { enabled: boolean; uiUrl: string; bulkLimit: string; tagObjects: boolean };
  review: { uncheckFlagged: boolean };
}

/** Entries of a comma- or line-separated list, trimmed, empty ones dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Lines of a one-entry-per-line list, trimmed, empty ones dropped. */
export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

let rowCounter = 0;
/** A fresh key for a mapping row (unique within the page's lifetime). */
export function newRowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

export function mappingDrafts(rows: Settings['mapping']): MappingRowDraft[] {
  return rows.map((row) => ({
    key: newRowKey(),
    respondField: row.respondField,
    ctixTypes: [...row.ctixTypes],
  }));
}

export function formFromSettings(
  settings: Settings,
  secretsSet: Record<Product, boolean>,
): OptionsForm {
  return {
    ctix: {
      baseUrl: settings.ctix.baseUrl,
      accessId: settings.ctix.accessId,
      expiresOn: settings.ctix.expiresOn ?? '',
    },
    cftr: {
      baseUrl: settings.cftr.baseUrl,
      accessId: settings.cftr.accessId,
      expiresOn: settings.cftr.expiresOn ?? '',
      uiUrl: settings.cftr.uiUrl,
    },
    secrets: {
      ctix: { editing: !secretsSet.ctix, value: '' },
      cftr: { editing: !secretsSet.cftr, value: '' },
    },
    mapping: mappingDrafts(settings.mapping),
    template: {
      createPath: settings.template.createPath,
      body: settings.template.body,
      apiIdPaths: settings.template.apiIdPaths.join(', '),
      readableIdPaths: settings.template.readableIdPaths.join(', '),
      linkTemplate: settings.template.linkTemplate,
      defaultTlp: settings.template.defaultTlp,
    },
    actionLabel: settings.actionLabel,
    routes: { ...settings.routes },
    extraction: {
      types: [...settings.extraction.types],
      refang: settings.extraction.refang,
      includePrivateIps: settings.extraction.includePrivateIps,
      allowlist: settings.extraction.allowlist.join('\n'),
    },
    rateLimits: {
      ctixPerMinute: String(settings.rateLimits.ctixPerMinute),
      cftrPerMinute: String(settings.rateLimits.cftrPerMinute),
    },
    overlay: {
      enabled: settings.overlay.enabled,
      uiUrl: settings.overlay.uiUrl,
      bulkLimit: String(settings.overlay.bulkLimit),
      tagObjects: settings.overlay.tagObjects,
    },
    review: { uncheckFlagged: settings.review.uncheckFlagged },
  };
}

export function formFromView(view: SettingsView): OptionsForm {
  return formFromSettings(view.settings, {
    ctix: view.secrets.ctix.set,
    cftr: view.secrets.cftr.set,
  });
}

/** The normalised API base of what was typed, or the trimmed text when it is not valid. */
export function normalisedBase(product: Product, text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const result = product === 'ctix' ? normaliseCtixBase(trimmed) : normaliseRespondBase(trimmed);
  return result.ok ? result.base : trimmed;
}

/** The Respond UI URL as the background stores it: a URL whose path ends in '/'. */
export function normalisedUiUrl(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    const url = new URL(trimmed);
    return url.pathname.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    return trimmed;
  }
}

function derivedUi(baseText: string): string {
  const result = normaliseRespondBase(baseText.trim());
  return result.ok ? deriveRespondUiUrl(result.base) : '';
}

/**
 * A new Respond API URL. The UI URL follows it while the user has not set one of their own
 * (it is empty or still the one derived from the previous API URL).
 */
export function withRespondBase(cftr: OptionsForm['cftr'], baseUrl: string): OptionsForm['cftr'] {
  const followed =
    cftr.uiUrl.trim() === '' || normalisedUiUrl(cftr.uiUrl) === derivedUi(cftr.baseUrl);
  return { ...cftr, baseUrl, uiUrl: followed ? derivedUi(baseUrl) : cftr.uiUrl };
}

function rate(text: string): number {
  const value = Number(text.trim());
  return text.trim() === '' ? Number.NaN : value;
}

/**
 * Settings from the form, normalised like the background does on save, so an unchanged form
 * compares equal to what is saved. Invalid parts are passed through as typed: validation
 * (./validate.ts) reports them and the page never sends a form with errors.
 */
export function settingsFromForm(form: OptionsForm): Settings {
  const cftrBase = normalisedBase('cftr', form.cftr.baseUrl);
  const uiUrl =
    form.cftr.uiUrl.trim() === '' ? derivedUi(form.cftr.baseUrl) : normalisedUiUrl(form.cftr.uiUrl);
  return {
    version: SETTINGS_VERSION,
    ctix: {
      baseUrl: normalisedBase('ctix', form.ctix.baseUrl),
      accessId: form.ctix.accessId.trim(),
      expiresOn: form.ctix.expiresOn.trim() === '' ? null : form.ctix.expiresOn.trim(),
    },
    cftr: {
      baseUrl: cftrBase,
      accessId: form.cftr.accessId.trim(),
      expiresOn: form.cftr.expiresOn.trim() === '' ? null : form.cftr.expiresOn.trim(),
      uiUrl,
    },
    mapping: form.mapping.map((row) => ({
      respondField: row.respondField.trim(),
      ctixTypes: [...row.ctixTypes],
    })),
    template: {
      createPath: form.template.createPath.trim(),
      body: form.template.body,
      apiIdPaths: splitList(form.template.apiIdPaths),
      readableIdPaths: splitList(form.template.readableIdPaths),
      linkTemplate: form.template.linkTemplate.trim(),
      defaultTlp: form.template.defaultTlp.trim(),
    },
    actionLabel: form.actionLabel.trim(),
    routes: {
      threatData: form.routes.threatData.trim(),
      threatDataList: form.routes.threatDataList.trim(),
      bulletin: form.routes.bulletin.trim(),
      investigation: form.routes.investigation.trim(),
    },
    extraction: {
      types: [...form.extraction.types],
      refang: form.extraction.refang,
      includePrivateIps: form.extraction.includePrivateIps,
      allowlist: splitLines(form.extraction.allowlist),
    },
    rateLimits: {
      ctixPerMinute: rate(form.rateLimits.ctixPerMinute),
      cftrPerMinute: rate(form.rateLimits.cftrPerMinute),
    },
    overlay: {
      enabled: form.overlay.enabled,
      uiUrl: form.overlay.uiUrl.trim().replace(/\/+$/, ''),
      bulkLimit: rate(form.overlay.bulkLimit),
      tagObjects: form.overlay.tagObjects,
    },
    review: { uncheckFlagged: form.review.uncheckFlagged },
  };
}

/** New secret keys to send with a save: only those typed; the rest keep the stored value. */
export function secretsFromForm(form: OptionsForm): { ctix?: string; cftr?: string } {
  const out: { ctix?: string; cftr?: string } = {};
  for (const product of ['ctix', 'cftr'] as const) {
    const draft = form.secrets[product];
    if (draft.editing && draft.value.trim() !== '') out[product] = draft.value.trim();
  }
  return out;
}
