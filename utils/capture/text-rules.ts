import type { IncidentSource } from '../model/incident';

/**
 * Title and description rules of the web flows (product.md §1, review dialog). Pure string
 * work: every input is page-controlled text, so nothing here interprets it, it only trims.
 */

export const TITLE_MAX = 120;
export const EXCERPT_MAX = 500;

export type WebFlowKind = 'selection' | 'link' | 'page';

/**
 * Control characters and bidi overrides (which can make a title read backwards, e.g. to
 * disguise a file name) never belong in a title or description. Tab and newlines are handled
 * by the callers.
 */
const CONTROL =
  // oxlint-disable-next-line no-control-regex -- stripping them is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** One line of display text: control characters gone, runs of whitespace as one space. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/** Cut to `max` characters (code points, so no half surrogate pair), ending in "…" when cut. */
export function clip(text: string, max: number): string {
  const points = [...text];
  if (points.length <= max) return text;
  return `${points
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

export function firstNonEmptyLine(text: string): string {
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const cleaned = oneLine(line);
    if (cleaned !== '') return cleaned;
  }
  return '';
}

/** "IOCs from <host>", or a sensible stand-in when the page has no host (file:, chrome:). */
export function fallbackTitle(host: string, url: string): string {
  if (host) return `IOCs from ${host}`;
  const shown = oneLine(url);
  return shown ? clip(`IOCs from ${shown}`, TITLE_MAX) : 'IOCs from a web page';
}

export interface TitleInput {
  kind: WebFlowKind;
  /** The selected text (selection), the link text (link); ignored for a page. */
  text?: string;
  linkUrl?: string;
  pageTitle: string;
  pageUrl: string;
  host: string;
}

/**
 * - selection: its first non-empty line, at most 120 characters; else "IOCs from <host>";
 * - link: its text, else its URL;
 * - page: the page title, else "IOCs from <host>".
 */
export function defaultTitle(input: TitleInput): string {
  const fallback = () => fallbackTitle(input.host, input.pageUrl);
  switch (input.kind) {
    case 'selection': {
      const line = firstNonEmptyLine(input.text ?? '');
      return line ? clip(line, TITLE_MAX) : fallback();
    }
    case 'link': {
      const text = oneLine(input.text ?? '');
      if (text) return clip(text, TITLE_MAX);
      const url = oneLine(input.linkUrl ?? '');
      return url ? clip(url, TITLE_MAX) : fallback();
    }
    case 'page': {
      const title = oneLine(input.pageTitle);
      return title ? clip(title, TITLE_MAX) : fallback();
    }
  }
}

/** At most 500 characters of the selection, whitespace kept readable (lines, not runs). */
export function excerpt(text: string, max = EXCERPT_MAX): string {
  const lines = text
    .replace(CONTROL, '')
    .split(/\r\n|[\n\r]/)
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .filter((line) => line !== '');
  return clip(lines.join('\n'), max);
}

export interface DescriptionInput {
  kind: WebFlowKind;
  pageUrl: string;
  pageTitle: string;
  /** Selection text (selection) or link text (link). */
  text?: string;
  linkUrl?: string;
}

/**
 * Source URL, page title, then (selection) an excerpt of the selection or (link) the link and
 * its text. Plain text: Respond shows it as the incident description.
 */
export function defaultDescription(input: DescriptionInput): string {
  const lines = [`Source: ${oneLine(input.pageUrl) || 'unknown'}`];
  const title = oneLine(input.pageTitle);
  if (title) lines.push(`Page: ${clip(title, 300)}`);
  if (input.kind === 'link') {
    if (input.linkUrl) lines.push(`Link: ${oneLine(input.linkUrl)}`);
    const text = oneLine(input.text ?? '');
    if (text) lines.push(`Link text: ${clip(text, EXCERPT_MAX)}`);
  }
  if (input.kind === 'selection') {
    const quoted = excerpt(input.text ?? '');
    if (quoted) lines.push('', 'Excerpt:', quoted);
  }
  return lines.join('\n');
}

/**
 * Host of a web URL, lower-case; '' for anything else (chrome://version's "version" is not a
 * site, nor are about:, data:, file: or unparsable URLs).
 */
export function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? parsed.hostname.toLowerCase()
      : '';
  } catch {
    return '';
  }
}

export function webSource(kind: WebFlowKind, pageUrl: string, pageTitle: string): IncidentSource {
  return {
    kind,
    url: pageUrl.slice(0, 8192),
    pageTitle: oneLine(pageTitle).slice(0, 2000),
    host: hostOf(pageUrl).slice(0, 255),
    ctixObjectIds: [],
  };
}
