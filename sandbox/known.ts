// Fixture values that tests, the demo and the test pages rely on. They are the same for every
// seed (IDs derive from names, not from the PRNG), so an e2e test may hard-code them.
import { stableUuid } from './prng';

/** Indicators present in the seed (and, where noted, on /pages/report.html). */
export const KNOWN = {
  ipv4: '45.137.21.9',
  ipv4Second: '185.225.74.51',
  ipv6: '2a03:b0c0:3:d0::1a4f:7001',
  domain: 'docs-share-preview.com',
  domainSecond: 'static-cdn-updates.net',
  url: 'https://docs-share-preview.com/s/invoice-7731.zip',
  email: 'billing@docs-share-preview.com',
  md5: '20d102f393629a4191f8ce74d2a25325',
  sha1: 'cf1b536a8d193af6fd92e1d83e2319ba1beca49b',
  sha256: '8a66c8aee7caa18be6de43f74b5fd9dabc859f2ee0ef660c48f0a751bfb219be',
  sha256Second: '5a29125d063ef5ea464d2796233aedbbf730838b031c30feea97b5f3ad53c61a',
  asn: 'AS209588',
  /** is_whitelisted: true in the seed (and on report.html, as a resolver the loader checks). */
  whitelistedIpv4: '8.8.8.8',
  /** is_false_positive: true in the seed. */
  falsePositiveDomain: 'cdn.jsdelivr.net',
  /** is_deprecated: true in the seed. */
  deprecatedIpv4: '91.215.85.17',
  cve: 'CVE-2024-3400',
  malware: 'GlassLoader',
  threatActor: 'Brittle Heron',
  reportName: 'Operation Glasswing: loader analysis',
  bulletinTitle: 'Glasswing loader: indicators to block',
  draftBulletinTitle: 'DRAFT: edge-device exploitation wave',
  canvasName: 'Glasswing infrastructure pivot',
  /** A report whose relations are 2,500 synthetic objects (250 pages of 10, 25 of 100). */
  bigReportName: 'Mass indicator export: 2,500 synthetic objects',
  /** Issue 12's large inputs (seed-large.ts): a bulletin whose report has 3,000 relations… */
  hugeReportName: 'Quarterly feed export: 3,000 synthetic objects',
  hugeBulletinTitle: 'Quarterly feed digest: 3,000 indicators and objects',
  /** …and an investigation whose canvas has 1,000 nodes. */
  hugeCanvasName: 'Feed-wide pivot: 1,000 nodes',
} as const;

/** Relations of the huge report (synthetic objects 0..N-1), nodes of the huge canvas. */
export const HUGE_REPORT_RELATIONS = 3000;
export const HUGE_CANVAS_NODES = 1000;

/** How many relations the big report has (synthetic objects 0..N-1 of the list). */
export const BIG_REPORT_RELATIONS = 2500;

/** Stable IDs of the well-known objects (plain UUIDs, as in CTIX API paths). */
export const KNOWN_IDS = {
  ipv4: stableUuid(`indicator:${KNOWN.ipv4}`),
  domain: stableUuid(`indicator:${KNOWN.domain}`),
  url: stableUuid(`indicator:${KNOWN.url}`),
  sha256: stableUuid(`indicator:${KNOWN.sha256}`),
  malware: stableUuid(`malware:${KNOWN.malware}`),
  threatActor: stableUuid(`threat-actor:${KNOWN.threatActor}`),
  cve: stableUuid(`vulnerability:${KNOWN.cve}`),
  report: stableUuid(`report:${KNOWN.reportName}`),
  /** A tool whose name is an XSS payload: hostile data the extension must render as text. */
  hostileTool: stableUuid('tool:hostile-name'),
  bulletin: stableUuid(`bulletin:${KNOWN.bulletinTitle}`),
  draftBulletin: stableUuid(`bulletin:${KNOWN.draftBulletinTitle}`),
  canvas: stableUuid(`canvas:${KNOWN.canvasName}`),
  bigReport: stableUuid(`report:${KNOWN.bigReportName}`),
  hugeReport: stableUuid(`report:${KNOWN.hugeReportName}`),
  hugeBulletin: stableUuid(`bulletin:${KNOWN.hugeBulletinTitle}`),
  hugeCanvas: stableUuid(`canvas:${KNOWN.hugeCanvasName}`),
} as const;

/**
 * An incident "created by someone else": it exists in Respond (`GET v1/incident/{unique_id}/`
 * and `/cftr/incidents/{unique_id}/`) and its tag `CFTR INC977` is on the threat actor
 * `KNOWN.threatActor` in Intel Exchange, as the native integration would leave it. It is not in
 * the incident list (`v1/incident/`) nor in `/__sandbox/incidents`, which show only incidents
 * created through the API, so tests that count created incidents are not disturbed.
 */
export const COLLEAGUE_INCIDENT = {
  uniqueId: stableUuid('incident:colleague'),
  readableId: 'INC977',
  title: 'Brittle Heron staging infrastructure (raised by a colleague)',
  tagName: 'CFTR INC977',
  tagId: stableUuid('tag:CFTR INC977'),
  /** The object that carries the tag. */
  objectType: 'threat-actor',
  objectId: KNOWN_IDS.threatActor,
} as const;

/** Name of the hostile tool object (see KNOWN_IDS.hostileTool). */
export const HOSTILE_NAME = '<img src=x onerror=alert("ctix-name")>';

/**
 * IOCs on /pages/report.html that are deliberately NOT in the seed, so tests can check both the
 * "known in Intel Exchange" and the "new" paths. The seed generator refuses these values.
 */
export const UNKNOWN_REPORT_IOCS = {
  ipv4: '193.42.33.107',
  ipv4Second: '77.91.124.55',
  ipv6: '2001:67c:4e8:f004::a1',
  domain: 'login-verify-portal.info',
  url: 'http://login-verify-portal.info/o365/auth.php',
  email: 'a.petrov@mailbox-secure.org',
  md5: 'd134e05bb05789cec59c2cf9a5a50d75',
  sha256: 'f1bae994fe602184ebdfd31a46736c220312e4e979196c3817a407aced651c2a',
  cve: 'CVE-2023-46805',
  btc: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  /** Only in the href of a link whose text says something else. */
  linkHref: 'http://docs-share-preview.com/dl/Invoice_7731.iso?id=8f3a2c',
} as const;
