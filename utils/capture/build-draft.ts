import type { ExtractOptions, ExtractResult } from '../ioc/types';
import type { ReviewDraft } from '../model/review';
import type { Settings } from '../settings/schema';
import { mappingForTypes } from './mapping';
import {
  defaultDescription,
  defaultTitle,
  hostOf,
  webSource,
  type WebFlowKind,
} from './text-rules';

/** The extraction engine (utils/ioc extractIocs); a parameter so tests can pass a fake. */
export type Extractor = (text: string, options: ExtractOptions) => ExtractResult;

/** Extraction size cap (UTF-8 bytes). Bigger pages are cut, and the dialog says so. */
export const MAX_EXTRACT_BYTES = 8 * 1024 * 1024;

/**
 * At most this many IOCs go into a draft: the create request takes 5000, and a dialog with
 * more rows than that helps nobody. The dialog says how many were left out.
 */
export const MAX_DRAFT_IOCS = 5000;

/** What a flow read from the page (or, when the page cannot be read, from the menu/tab). */
export interface FlowCapture {
  kind: WebFlowKind;
  pageUrl: string;
  pageTitle: string;
  /** Selection text, link text, or page text. */
  text: string;
  linkUrl?: string;
  /** The text was cut before extraction (page size cap, capture cap). */
  truncated: boolean;
  /** Why less than the full page was read, in words (e.g. the page cannot be scripted). */
  notice?: string;
}

export interface BuildDraftInput {
  reviewId: string;
  capture: FlowCapture;
  settings: Settings;
  canEnrich: boolean;
  extract: Extractor;
}

/** Hosts whose IOCs are never offered: the page's own, and the two tenants'. */
export function excludedHosts(pageUrl: string, settings: Settings): string[] {
  const hosts = [
    hostOf(pageUrl),
    hostOf(settings.ctix.baseUrl),
    hostOf(settings.cftr.baseUrl),
    hostOf(settings.cftr.uiUrl),
  ].filter((h) => h !== '');
  // www.example.com writing about example.com's own links is still the page's own site.
  const bare = hosts.filter((h) => h.startsWith('www.')).map((h) => h.slice(4));
  return [...new Set([...hosts, ...bare])];
}

/** What the extractor reads for each flow: a link is its text and its URL. */
function extractionText(capture: FlowCapture): string {
  if (capture.kind === 'link') return [capture.text, capture.linkUrl ?? ''].join('\n');
  return capture.text;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function buildDraft(input: BuildDraftInput): ReviewDraft {
  const { capture, settings } = input;
  const result = input.extract(extractionText(capture), {
    types: settings.extraction.types,
    refang: settings.extraction.refang,
    includePrivateIps: settings.extraction.includePrivateIps,
    allowlist: settings.extraction.allowlist,
    excludeDomains: excludedHosts(capture.pageUrl, settings),
    maxBytes: MAX_EXTRACT_BYTES,
  });
  // The create request takes values up to 4096 characters; a longer "URL" is not an IOC anyone
  // can act on.
  const found = result.iocs.filter((ioc) => ioc.value.length <= 4096);
  const kept = found.slice(0, MAX_DRAFT_IOCS);
  const notices: string[] = [];
  if (capture.notice) notices.push(capture.notice);
  if (capture.truncated || result.truncated) {
    notices.push(
      `The ${capture.kind === 'page' ? 'page' : 'text'} is larger than ${MAX_EXTRACT_BYTES / 1024 / 1024} MB: only its beginning was searched for IOCs.`,
    );
  }
  if (found.length > kept.length) {
    notices.push(
      `${formatCount(found.length)} IOCs were found; the first ${formatCount(kept.length)} are listed.`,
    );
  }

  const host = hostOf(capture.pageUrl);
  const titleInput = {
    kind: capture.kind,
    text: capture.text,
    pageTitle: capture.pageTitle,
    pageUrl: capture.pageUrl,
    host,
    ...(capture.linkUrl === undefined ? {} : { linkUrl: capture.linkUrl }),
  };
  return {
    reviewId: input.reviewId,
    actionLabel: settings.actionLabel,
    title: defaultTitle(titleInput),
    description: defaultDescription(titleInput),
    source: webSource(capture.kind, capture.pageUrl, capture.pageTitle),
    iocs: kept.map((ioc) => ({
      type: ioc.type,
      value: ioc.value,
      original: ioc.original.slice(0, 4096),
      ...(ioc.private === undefined ? {} : { private: ioc.private }),
      ...(ioc.homograph === true ? { homograph: true } : {}),
    })),
    mapping: mappingForTypes(
      kept.map((i) => i.type),
      settings.mapping,
    ),
    ctixObjects: [],
    truncated: capture.truncated || result.truncated || found.length > kept.length,
    canEnrich: input.canEnrich,
    uncheckFlagged: settings.review.uncheckFlagged,
    ...(notices.length > 0 ? { notice: notices.join(' ') } : {}),
  };
}
