import { CTIX_TYPE_OF_EXTRACTED } from '../settings/ctix-types';
import type { FieldMappingRow, IncidentTemplate, Settings } from '../settings/schema';
import type { IncidentSource, IocRef } from '../model/incident';
import type { TemplatePreview } from '../model/views';
import { lineColumn, tokenizeJson, type JsonToken } from './json-tokens';
import { buildApiUrl, requestHeaders } from './request-url';
import { appendSignature, EXPIRES_AHEAD_S, maskSignature, SIGNATURE_MASK } from './sign';

/**
 * The incident body template (settings.template.body): JSON text with placeholders. A string
 * value that is exactly "{{name}}" becomes the JSON value (object, array, number, null);
 * a placeholder inside a longer string is interpolated as text.
 */

export const PLACEHOLDERS = [
  'title',
  'description',
  'threat_intel',
  'tlp',
  'source_kind',
  'source_name',
  'source_url',
  'source_links',
  'ref',
  'ioc_count',
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

export interface TemplateContext {
  title: string;
  /** Without the Bridge-Ref line: {{description}} always renders with it (withReference). */
  description: string;
  /** Respond threat-intel field → values. */
  threatIntel: Record<string, string[]>;
  tlp: string | null;
  /** Where it came from in words: "Intel Exchange", "Web page", "Web selection", "Web link". */
  sourceKind: string;
  /** The object, page or site it came from. */
  sourceName: string;
  sourceUrl: string;
  sourceLinks: string[];
  /** The Bridge-Ref UUID (the request id). */
  ref: string;
  iocCount: number;
}

export type TemplateValidation =
  { ok: true } | { ok: false; error: string; line: number; column: number };

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

const PLACEHOLDER_IN_TEXT = /\{\{\s*([^{}]*?)\s*\}\}/g;
const EXACT_PLACEHOLDER = /^\{\{\s*([^{}]*?)\s*\}\}$/;

function isPlaceholder(name: string): name is PlaceholderName {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

const KNOWN_LIST = PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');

type Located = { message: string; offset: number };

/** Offset of a placeholder inside a string token, exact when the raw text has no escapes. */
function offsetInString(token: { raw: string; start: number }, index: number): number {
  return token.raw.includes('\\') ? token.start : token.start + 1 + index;
}

function findProblem(text: string): Located | null {
  const scanned = tokenizeJson(text);
  if (!scanned.ok) return { message: scanned.message, offset: scanned.offset };
  const first = scanned.tokens[0];
  if (first?.kind !== 'punct' || first.text !== '{') {
    return {
      message: 'The body must be a JSON object: { "title": "{{title}}", ... }.',
      offset: text.length - text.trimStart().length,
    };
  }
  let carriesRef = false;
  for (const token of scanned.tokens) {
    if (token.kind !== 'string') continue;
    for (const match of token.value.matchAll(PLACEHOLDER_IN_TEXT)) {
      const name = match[1] ?? '';
      const offset = offsetInString(token, match.index);
      if (!isPlaceholder(name)) {
        return { message: `Unknown placeholder {{${name}}}. Known: ${KNOWN_LIST}.`, offset };
      }
      if (token.isKey) {
        return { message: `Placeholders go in values, not in property names.`, offset };
      }
      if (name === 'description' || name === 'ref') carriesRef = true;
    }
  }
  if (!carriesRef) {
    return {
      message:
        'The body must contain {{description}} or {{ref}}: every incident carries its Bridge-Ref, which lets a retry find it instead of creating a duplicate.',
      offset: 0,
    };
  }
  return null;
}

export function validateTemplate(body: string): TemplateValidation {
  const problem = findProblem(body);
  if (problem === null) return { ok: true };
  return { ok: false, error: problem.message, ...lineColumn(body, problem.offset) };
}

const REF_LINE =
  /Bridge-Ref:(?:\s|&nbsp;)*([\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12})/gi;

/** The description with a final `Bridge-Ref: <ref>` line; unchanged if that is already its ref. */
export function withReference(description: string, ref: string): string {
  if (findReference(description) === ref.toLowerCase()) return description;
  const body = description.trimEnd();
  return body === '' ? `Bridge-Ref: ${ref}` : `${body}\n\nBridge-Ref: ${ref}`;
}

/** The last Bridge-Ref in a text (plain, JSON or HTML), lower-cased; null when there is none. */
export function findReference(text: string): string | null {
  let last: string | null = null;
  for (const match of text.matchAll(REF_LINE)) last = match[1]?.toLowerCase() ?? last;
  return last;
}

type JsonValue = string | number | null | string[] | Record<string, string[]>;

function placeholderValue(name: PlaceholderName, ctx: TemplateContext): JsonValue {
  switch (name) {
    case 'title':
      return ctx.title;
    case 'description':
      return withReference(ctx.description, ctx.ref);
    case 'threat_intel':
      return ctx.threatIntel;
    case 'tlp':
      return ctx.tlp;
    case 'source_kind':
      return ctx.sourceKind;
    case 'source_name':
      return ctx.sourceName;
    case 'source_url':
      return ctx.sourceUrl;
    case 'source_links':
      return ctx.sourceLinks;
    case 'ref':
      return ctx.ref;
    case 'ioc_count':
      return ctx.iocCount;
  }
}

function asText(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.join(', ');
  return JSON.stringify(value);
}

function renderString(token: Extract<JsonToken, { kind: 'string' }>, ctx: TemplateContext): string {
  if (token.isKey) return JSON.stringify(token.value);
  const exact = EXACT_PLACEHOLDER.exec(token.value);
  if (exact?.[1] !== undefined && isPlaceholder(exact[1])) {
    return JSON.stringify(placeholderValue(exact[1], ctx));
  }
  const text = token.value.replace(PLACEHOLDER_IN_TEXT, (whole, name: string) =>
    isPlaceholder(name) ? asText(placeholderValue(name, ctx)) : whole,
  );
  return JSON.stringify(text);
}

/**
 * The request body to send, compact (no whitespace), keys in template order, numbers exactly as
 * written. Throws TemplateError when validateTemplate would refuse the template.
 */
export function renderIncidentBody(template: string, ctx: TemplateContext): string {
  const problem = findProblem(template);
  if (problem !== null) {
    const { line, column } = lineColumn(template, problem.offset);
    throw new TemplateError(problem.message, line, column);
  }
  const scanned = tokenizeJson(template);
  if (!scanned.ok) throw new TemplateError(scanned.message, 1, 1); // unreachable: checked above
  let out = '';
  for (const token of scanned.tokens) {
    if (token.kind === 'punct') out += token.text;
    else if (token.kind === 'string') out += renderString(token, ctx);
    else out += token.raw;
  }
  return out;
}

/** An IOC or CTIX object the mapping does not connect: the review dialog lists these. */
export interface UnmappedIoc {
  type: string;
  value: string;
}

/**
 * Respond threat-intel fields from the IOCs (through the extracted → CTIX type table) and the
 * CTIX objects (by object type, valued by name). A CTIX type listed in several rows fills each
 * of those fields. Fields appear in mapping order, values in input order, each once.
 */
export function buildThreatIntel(
  iocs: readonly { type: string; value: string }[],
  ctixObjects: readonly { type: string; name: string }[],
  mapping: readonly FieldMappingRow[],
  ctixTypeOf: Readonly<Record<string, string>> = CTIX_TYPE_OF_EXTRACTED,
): { threatIntel: Record<string, string[]>; unmapped: UnmappedIoc[] } {
  const fieldsOf = (ctixType: string): string[] =>
    mapping
      .filter((row) => row.ctixTypes.some((t) => t.toLowerCase() === ctixType.toLowerCase()))
      .map((row) => row.respondField);
  const collected = new Map<string, Set<string>>();
  const unmapped = new Map<string, UnmappedIoc>();
  const add = (ctixType: string, item: UnmappedIoc): void => {
    const fields = fieldsOf(ctixType);
    if (fields.length === 0) {
      unmapped.set(`${item.type}\u0000${item.value}`, item);
      return;
    }
    for (const field of fields) {
      const values = collected.get(field) ?? new Set<string>();
      values.add(item.value);
      collected.set(field, values);
    }
  };
  for (const ioc of iocs)
    add(ctixTypeOf[ioc.type] ?? ioc.type, { type: ioc.type, value: ioc.value });
  for (const object of ctixObjects) add(object.type, { type: object.type, value: object.name });
  const threatIntel: Record<string, string[]> = {};
  for (const row of mapping) {
    const values = collected.get(row.respondField);
    if (values && !(row.respondField in threatIntel)) threatIntel[row.respondField] = [...values];
  }
  return { threatIntel, unmapped: [...unmapped.values()] };
}

/** Everything the outbox and the preview need to render a body; the same function for both. */
export interface IncidentDraft {
  title: string;
  description: string;
  iocs: readonly IocRef[];
  ctixObjects: readonly { id: string; type: string; name: string }[];
  tlp?: string | undefined;
  sourceKind: string;
  sourceName: string;
  sourceUrl: string;
  sourceLinks: readonly string[];
  ref: string;
}

/** {{source_kind}} of each flow. */
export const SOURCE_KIND_TEXT: Record<IncidentSource['kind'], string> = {
  selection: 'Web selection',
  link: 'Web link',
  page: 'Web page',
  'ctix-object': 'Intel Exchange',
  'ctix-bulk': 'Intel Exchange',
  bulletin: 'Intel Exchange bulletin',
  investigation: 'Intel Exchange investigation',
};

export function incidentContext(
  draft: IncidentDraft,
  mapping: readonly FieldMappingRow[],
  /** settings.template.defaultTlp: {{tlp}} when the incident has none ('' = null). */
  defaultTlp = '',
): TemplateContext {
  const { threatIntel } = buildThreatIntel(draft.iocs, draft.ctixObjects, mapping);
  return {
    title: draft.title,
    description: draft.description,
    threatIntel,
    tlp: draft.tlp ?? (defaultTlp.trim() === '' ? null : defaultTlp.trim()),
    sourceKind: draft.sourceKind,
    sourceName: draft.sourceName,
    sourceUrl: draft.sourceUrl,
    sourceLinks: [...draft.sourceLinks],
    ref: draft.ref,
    iocCount: draft.iocs.length,
  };
}

/**
 * The incident web link from settings.template.linkTemplate: {ui}, {unique_id}, {readable_id}.
 * Undefined unless the result is an http(s) URL, so a bad template never yields a script link.
 */
export function incidentLink(
  linkTemplate: string,
  ids: { ui: string; apiId: string; readableId?: string | undefined },
): string | undefined {
  if (ids.ui === '' && linkTemplate.includes('{ui}')) return undefined;
  const ui = ids.ui.endsWith('/') || ids.ui === '' ? ids.ui : `${ids.ui}/`;
  const link = linkTemplate
    .replaceAll('{ui}', ui)
    .replaceAll('{unique_id}', encodeURIComponent(ids.apiId))
    .replaceAll('{readable_id}', encodeURIComponent(ids.readableId ?? ''));
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A fixed, realistic draft for the options-page preview and the preview/received e2e check. */
export const SAMPLE_INCIDENT: IncidentDraft = Object.freeze({
  title: 'Phishing wave: credential harvesting on evil-login.example',
  description:
    'Source: https://blog.example.org/2024/phishing-wave\nPage: "New phishing wave targets Outlook users"\n\nExcerpt: The kit posts credentials to https://evil-login.example/owa/auth.php from 203.0.113.45.',
  iocs: Object.freeze([
    { type: 'domain', value: 'evil-login.example' },
    { type: 'url', value: 'https://evil-login.example/owa/auth.php' },
    { type: 'ipv4', value: '203.0.113.45' },
    { type: 'sha256', value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
    { type: 'cve', value: 'CVE-2024-3400' },
    { type: 'btc', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
  ] satisfies IocRef[]),
  ctixObjects: Object.freeze([
    { id: '5b2e6f5e-1d2c-4c8a-9a51-0d7e3f1c2b4a', type: 'malware', name: 'EvilProxy' },
  ]),
  tlp: 'AMBER',
  sourceKind: 'Web page',
  sourceName: 'New phishing wave targets Outlook users',
  sourceUrl: 'https://blog.example.org/2024/phishing-wave',
  sourceLinks: Object.freeze(['https://blog.example.org/2024/phishing-wave']),
  ref: '3f2b8c1e-7d4a-4e9b-9c61-5a0f2e8d7b13',
});

/** Shown while Respond is not configured yet, so the preview still reads as a real request. */
export const PREVIEW_BASE_PLACEHOLDER = 'https://your-tenant.cyware.com/cftrapi/openapi/';

/**
 * The exact request a create would send for `sample`: same URL builder, headers and body as the
 * real call, with the Signature masked. Throws TemplateError for an invalid template.
 */
export function previewCreateRequest(input: {
  settings: Settings;
  template: IncidentTemplate;
  sample: IncidentDraft;
  now: number;
}): TemplatePreview {
  const { settings, template, sample, now } = input;
  const body = renderIncidentBody(
    template.body,
    incidentContext(sample, settings.mapping, template.defaultTlp),
  );
  const url = buildApiUrl(settings.cftr.baseUrl || PREVIEW_BASE_PLACEHOLDER, template.createPath);
  appendSignature(url, {
    AccessID: settings.cftr.accessId || 'YOUR_ACCESS_ID',
    Expires: String(Math.floor(now / 1000) + EXPIRES_AHEAD_S),
    Signature: SIGNATURE_MASK,
  });
  return { method: 'POST', url: maskSignature(url), headers: requestHeaders('POST'), body };
}
