import { normaliseCtixBase, normaliseRespondBase } from '../cyware/base-url';
import { buildApiUrl } from '../cyware/request-url';
import { incidentLink, validateTemplate } from '../cyware/template';
import { ROUTE_KINDS, validateRoutePattern } from '../routes/match';
import { ALLOWLIST_PENDING, loadedAllowlistCheck, type AllowlistCheck } from './allowlist-check';
import { RESPOND_FIELD_MESSAGE, RESPOND_FIELD_PATTERN } from '../settings/constants';
import { splitList, type MappingRowDraft, type OptionsForm } from './form';

/**
 * Inline validation of the options form. Errors are keyed by a field path ("cftr.baseUrl",
 * "mapping.<rowKey>.respondField", ...) so each message is drawn beside, and tied to, its
 * field. A form with any error is never sent: the background would refuse parts of it anyway,
 * and the user should see why next to the field rather than in one long sentence.
 */
export type FieldErrors = Record<string, string>;

/** Error of a pasted API URL ('' = not configured, which is fine). */
export function baseUrlError(product: 'ctix' | 'cftr', text: string): string | null {
  if (text.trim() === '') return null;
  const result = product === 'ctix' ? normaliseCtixBase(text) : normaliseRespondBase(text);
  return result.ok ? null : result.error;
}

export function uiUrlError(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return `"${trimmed}" is not a valid URL. Example: https://tenant.cyware.com/cftr/`;
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost')) {
    return null;
  }
  return 'Use https://. Plain http is only allowed for http://127.0.0.1 and http://localhost.';
}

/** A YYYY-MM-DD calendar date that exists (the date input gives this format). */
export function dateError(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (!match) return 'Use the date format YYYY-MM-DD.';
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return `${trimmed} is not a calendar date.`;
  }
  return null;
}

export function accessIdError(text: string): string | null {
  return /\s/.test(text.trim()) ? 'An access ID has no spaces.' : null;
}

export interface TemplateBodyProblem {
  message: string;
  line: number;
  column: number;
}

export function templateBodyProblem(body: string): TemplateBodyProblem | null {
  const result = validateTemplate(body);
  return result.ok ? null : { message: result.error, line: result.line, column: result.column };
}

export function createPathError(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the path of the create call, e.g. v1/incident/.';
  if (/^[a-z][a-z\d+.-]*:/i.test(trimmed)) {
    return 'Enter a path relative to the Respond API URL (e.g. v1/incident/), not a full URL.';
  }
  try {
    buildApiUrl('https://tenant.invalid/cftrapi/openapi/', trimmed);
  } catch {
    return 'The path must stay inside the Respond API URL (no "../").';
  }
  return null;
}

const ID_PATH = /^[^.\s]+(\.[^.\s]+)*$/;

export function idPathsError(text: string): string | null {
  const paths = splitList(text);
  if (paths.length === 0) return 'Enter at least one path, e.g. unique_id.';
  const bad = paths.find((p) => !ID_PATH.test(p));
  return bad === undefined
    ? null
    : `"${bad}" is not a dotted path (e.g. data.incident_uuid or results.0.id).`;
}

const LINK_PLACEHOLDER = /\{([^{}]*)\}/g;
const LINK_KNOWN = new Set(['ui', 'unique_id', 'readable_id']);

export function linkTemplateError(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the incident link, e.g. {ui}incidents/{unique_id}/.';
  for (const match of trimmed.matchAll(LINK_PLACEHOLDER)) {
    if (!LINK_KNOWN.has(match[1] ?? '')) {
      return `Unknown placeholder {${match[1] ?? ''}}. Known: {ui}, {unique_id}, {readable_id}.`;
    }
  }
  const link = incidentLink(trimmed, {
    ui: 'https://tenant.invalid/cftr/',
    apiId: 'sample-id',
    readableId: 'INC1',
  });
  return link === undefined ? 'The link must give an http(s) URL, e.g. start it with {ui}.' : null;
}

export function actionLabelError(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the label of the action, e.g. Create CFTR Incident.';
  if (trimmed.length > 60) return `Keep the label to 60 characters (it has ${trimmed.length}).`;
  return null;
}

export function rateError(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return 'Enter a whole number of requests per minute.';
  const value = Number(trimmed);
  if (value < 1 || value > 10_000) return 'Use a value from 1 to 10000.';
  return null;
}

export function bulkLimitError(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return 'Enter a whole number of objects.';
  const value = Number(trimmed);
  if (value < 1 || value > 5000) return 'Use a value from 1 to 5000.';
  return null;
}

export function overlayUrlError(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol === 'https:') return null;
    if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
      return null;
    }
    return 'Use an https:// address (plain http:// only for this computer).';
  } catch {
    return 'Enter the Intel Exchange web address, e.g. https://tenant.cyware.com.';
  }
}

export interface LineProblem {
  /** 1-based line in the text area. */
  line: number;
  entry: string;
  message: string;
}

/** Whether the allowlist text has an entry to check (loadAllowlistCheck is needed then). */
export function hasAllowlistEntries(text: string): boolean {
  return text.trim() !== '';
}

/**
 * The allowlist's problems, one per line. With no check loaded yet (utils/options/
 * allowlist-check.ts) there is nothing to list; validateForm then reports the field pending.
 */
export function allowlistProblems(
  text: string,
  check: AllowlistCheck | null = loadedAllowlistCheck(),
): LineProblem[] {
  const problems: LineProblem[] = [];
  if (check === null) return problems;
  for (const [index, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') continue;
    const message = check(raw);
    if (message !== null) problems.push({ line: index + 1, entry: raw.trim(), message });
  }
  return problems;
}

export function respondFieldError(text: string): string | null {
  if (text.trim() === '') return 'Enter the Respond field name, e.g. ip_address.';
  // The settings schema's own rule (utils/settings/constants), without loading zod here.
  return RESPOND_FIELD_PATTERN.test(text.trim()) ? null : RESPOND_FIELD_MESSAGE;
}

/**
 * Intel Exchange types that appear in more than one row, with the rows they appear in. Not an
 * error (such an IOC fills every field it is mapped to) but usually a mistake, so it is flagged.
 */
export function duplicateTypes(rows: readonly MappingRowDraft[]): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  for (const row of rows) {
    for (const type of new Set(row.ctixTypes.map((t) => t.toLowerCase()))) {
      seen.set(type, [...(seen.get(type) ?? []), row.key]);
    }
  }
  return new Map([...seen].filter(([, keys]) => keys.length > 1));
}

/** Respond fields named in more than one row (their values would be merged into one field). */
export function duplicateFields(rows: readonly MappingRowDraft[]): Set<string> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const field = row.respondField.trim();
    if (field !== '') counts.set(field, (counts.get(field) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n > 1).map(([field]) => field));
}

function put(errors: FieldErrors, path: string, message: string | null): void {
  if (message !== null) errors[path] = message;
}

export function validateForm(
  form: OptionsForm,
  check: AllowlistCheck | null = loadedAllowlistCheck(),
): FieldErrors {
  const errors: FieldErrors = {};
  put(errors, 'ctix.baseUrl', baseUrlError('ctix', form.ctix.baseUrl));
  put(errors, 'ctix.accessId', accessIdError(form.ctix.accessId));
  put(errors, 'ctix.expiresOn', dateError(form.ctix.expiresOn));
  put(errors, 'cftr.baseUrl', baseUrlError('cftr', form.cftr.baseUrl));
  put(errors, 'cftr.accessId', accessIdError(form.cftr.accessId));
  put(errors, 'cftr.expiresOn', dateError(form.cftr.expiresOn));
  put(errors, 'cftr.uiUrl', uiUrlError(form.cftr.uiUrl));
  for (const row of form.mapping) {
    put(errors, `mapping.${row.key}.respondField`, respondFieldError(row.respondField));
    if (row.ctixTypes.length === 0) {
      errors[`mapping.${row.key}.ctixTypes`] = 'Map at least one Intel Exchange type.';
    }
  }
  const body = templateBodyProblem(form.template.body);
  if (body !== null) {
    errors['template.body'] = `Line ${body.line}, column ${body.column}: ${body.message}`;
  }
  put(errors, 'template.createPath', createPathError(form.template.createPath));
  put(errors, 'template.apiIdPaths', idPathsError(form.template.apiIdPaths));
  put(errors, 'template.readableIdPaths', idPathsError(form.template.readableIdPaths));
  put(errors, 'template.linkTemplate', linkTemplateError(form.template.linkTemplate));
  put(errors, 'actionLabel', actionLabelError(form.actionLabel));
  for (const kind of ROUTE_KINDS) {
    put(errors, `routes.${kind}`, validateRoutePattern(kind, form.routes[kind]));
  }
  const allowlist = allowlistProblems(form.extraction.allowlist, check);
  if (check === null && hasAllowlistEntries(form.extraction.allowlist)) {
    errors['extraction.allowlist'] = ALLOWLIST_PENDING;
  } else if (allowlist.length > 0) {
    errors['extraction.allowlist'] = allowlist.map((p) => `Line ${p.line}: ${p.message}`).join(' ');
  }
  put(errors, 'rateLimits.ctixPerMinute', rateError(form.rateLimits.ctixPerMinute));
  put(errors, 'rateLimits.cftrPerMinute', rateError(form.rateLimits.cftrPerMinute));
  put(errors, 'overlay.uiUrl', overlayUrlError(form.overlay.uiUrl));
  put(errors, 'overlay.bulkLimit', bulkLimitError(form.overlay.bulkLimit));
  return errors;
}
