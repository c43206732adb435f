// Deterministic Intel Exchange data: indicators of every IOC type, malware, threat actors,
// vulnerabilities, reports with relations, bulletins and investigations. The same seed always
// yields the same data, and the well-known fixtures (known.ts) exist with fixed IDs in every seed.
import {
  BIG_REPORT_RELATIONS,
  COLLEAGUE_INCIDENT,
  HOSTILE_NAME,
  KNOWN,
  KNOWN_IDS,
  UNKNOWN_REPORT_IOCS,
} from './known';
import { createRng, stableUuid, type Rng } from './prng';
import { createSyntheticPool, MAX_LIST_ROWS, type SyntheticPool } from './synthetic';
import type {
  Bulletin,
  Canvas,
  CanvasItem,
  IocType,
  Relation,
  RelationView,
  Seed,
  Source,
  Tag,
  TenantTag,
  ThreatObject,
  Tlp,
} from './seed-types';
import * as gen from './seed-values';
import { largeInputs } from './seed-large';

export type * from './seed-types';
export {
  BIG_REPORT_RELATIONS,
  COLLEAGUE_INCIDENT,
  HUGE_CANVAS_NODES,
  HUGE_REPORT_RELATIONS,
  KNOWN,
  KNOWN_IDS,
  HOSTILE_NAME,
  UNKNOWN_REPORT_IOCS,
} from './known';
export { MAX_LIST_ROWS } from './synthetic';

export const DEFAULT_SEED = 20250101;

/** All timestamps are relative to this fixed instant (2025-01-01T00:00:00Z), never to the clock. */
export const BASE_TIME = 1735689600;
const DAY = 86400;

/** IOC types this tenant knows (ioc-types endpoint), in API spelling. */
export const IOC_TYPES: readonly IocType[] = [
  { id: 'ipv4-addr', name: 'IPv4 Address' },
  { id: 'ipv6-addr', name: 'IPv6 Address' },
  { id: 'domain-name', name: 'Domain Name' },
  { id: 'url', name: 'URL' },
  { id: 'email-addr', name: 'Email Address' },
  { id: 'email-message', name: 'Email Message' },
  { id: 'mac-addr', name: 'MAC Address' },
  { id: 'autonomous-system', name: 'Autonomous System' },
  { id: 'MD5', name: 'MD5' },
  { id: 'SHA-1', name: 'SHA-1' },
  { id: 'SHA-224', name: 'SHA-224' },
  { id: 'SHA-256', name: 'SHA-256' },
  { id: 'SHA-384', name: 'SHA-384' },
  { id: 'SHA-512', name: 'SHA-512' },
  { id: 'SSDEEP', name: 'SSDEEP' },
  { id: 'file', name: 'File' },
  { id: 'mutex', name: 'Mutex' },
  { id: 'windows-registry-key', name: 'Windows Registry Key' },
  { id: 'user-agent', name: 'User Agent' },
  { id: 'cidr', name: 'CIDR' },
];

const SOURCES: readonly Source[] = [
  { name: 'AlienVault OTX', source_type: 'taxii' },
  { name: 'Abuse.ch URLhaus', source_type: 'rss' },
  { name: 'CISA AIS', source_type: 'taxii' },
  { name: 'Internal SOC', source_type: 'import' },
  { name: 'Vendor Blog Feeds', source_type: 'rss' },
  { name: 'Partner ISAC', source_type: 'mail' },
].map((s) => ({ ...s, id: stableUuid(`source:${s.name}`) }));

const TAGS: readonly Tag[] = [
  'phishing',
  'c2',
  'loader',
  'ransomware',
  'credential-theft',
  'botnet',
  'initial-access',
  'apt',
  'exploit',
  'infostealer',
  'glasswing',
  'edge-devices',
].map((name) => ({ name, id: stableUuid(`tag:${name}`) }));

const TAG_COLOURS = ['#5b8def', '#e0663d', '#3fa66b', '#b35bd6', '#d4a21c', '#2aa5b8'];

/**
 * The tenant's tags as `GET ingestion/tags/` lists them. `tag_type` values are not documented
 * (cyware-api.md §4); the sandbox uses `user` for tags people and integrations create.
 */
function tenantTags(): TenantTag[] {
  return [...TAGS, { id: COLLEAGUE_INCIDENT.tagId, name: COLLEAGUE_INCIDENT.tagName }].map(
    (t, i) => ({
      ...t,
      colour_code: TAG_COLOURS[i % TAG_COLOURS.length] as string,
      tag_type: 'user',
    }),
  );
}

const MALWARE = [
  'Emotet',
  'QakBot',
  'IcedID',
  'Cobalt Strike',
  'AsyncRAT',
  'Lumma Stealer',
  'RedLine Stealer',
  'SocGholish',
  'PlugX',
  'ShadowPad',
  'BumbleBee',
  'Latrodectus',
  'DarkGate',
  'Pikabot',
];
const THREAT_ACTORS = [
  'APT28',
  'APT29',
  'Lazarus Group',
  'FIN7',
  'TA505',
  'Scattered Spider',
  'Sandworm Team',
  'Kimsuky',
  'Wizard Spider',
  'TA577',
  'UNC3886',
];
const VULNERABILITIES = [
  'CVE-2023-4966',
  'CVE-2023-34362',
  'CVE-2021-44228',
  'CVE-2024-21887',
  'CVE-2023-23397',
  'CVE-2022-30190',
  'CVE-2024-1709',
  'CVE-2023-20198',
  'CVE-2024-27198',
  'CVE-2023-22515',
  'CVE-2024-4577',
];
const ATTACK_PATTERNS = [
  'T1566.001 Spearphishing Attachment',
  'T1566.002 Spearphishing Link',
  'T1059.001 PowerShell',
  'T1204.002 Malicious File',
  'T1071.001 Web Protocols',
  'T1547.001 Registry Run Keys',
  'T1105 Ingress Tool Transfer',
  'T1190 Exploit Public-Facing Application',
  'T1555.003 Credentials from Web Browsers',
  'T1486 Data Encrypted for Impact',
];
const CAMPAIGNS = ['Invoice Lure Q4', 'Fake Browser Update Wave', 'Edge VPN Mass Exploitation'];
const TOOLS = ['Mimikatz', 'Rclone', 'AnyDesk', 'Impacket', 'PsExec'];
const INTRUSION_SETS = ['Glasswing Cluster', 'Velvet Ant Cluster'];
const REPORTS: readonly { name: string; relations: number }[] = [
  { name: 'Weekly phishing infrastructure digest', relations: 10 },
  { name: 'Lumma Stealer distribution via fake CAPTCHA pages', relations: 75 },
  { name: 'Edge VPN exploitation: IOCs from incident response', relations: 140 },
  { name: 'Ransomware affiliate toolkit overview', relations: 220 },
  { name: 'Quarterly commodity malware feed export', relations: 300 },
];

const TLP_WEIGHTED: readonly Tlp[] = [
  'CLEAR',
  'GREEN',
  'GREEN',
  'GREEN',
  'AMBER',
  'AMBER',
  'AMBER',
  'AMBER+STRICT',
  'RED',
];

/** How many generated indicators of each IOC type (known fixtures come on top). */
const INDICATOR_COUNTS: readonly [string, number][] = [
  ['ipv4-addr', 45],
  ['ipv6-addr', 10],
  ['domain-name', 40],
  ['url', 30],
  ['email-addr', 12],
  ['MD5', 20],
  ['SHA-1', 12],
  ['SHA-256', 25],
  ['SHA-224', 2],
  ['SHA-384', 2],
  ['SHA-512', 6],
  ['SSDEEP', 3],
  ['autonomous-system', 6],
  ['mac-addr', 3],
  ['cidr', 4],
  ['file', 4],
  ['mutex', 3],
  ['windows-registry-key', 3],
  ['user-agent', 3],
];

const DESCRIPTIONS: Record<string, readonly string[]> = {
  indicator: [
    'Observed as command-and-control endpoint in sandbox detonation.',
    'Seen in phishing emails delivering a loader.',
    'Hosting payloads during an active campaign.',
    'Reported by partner ISAC with medium confidence.',
    'Associated with credential harvesting pages.',
  ],
  malware: ['Malware family tracked by the CTI team.', 'Commodity malware sold as a service.'],
  'threat-actor': ['Financially motivated group.', 'State-aligned espionage actor.'],
  vulnerability: ['Exploited in the wild; patch available.', 'Listed in the CISA KEV catalog.'],
  'attack-pattern': ['MITRE ATT&CK technique.'],
  campaign: ['Campaign cluster built from shared infrastructure.'],
  tool: ['Dual-use tool abused by intrusion operators.'],
  'intrusion-set': ['Activity cluster pending attribution.'],
  report: ['Analyst report with related objects.'],
};

interface Builder {
  rng: Rng;
  objects: ThreatObject[];
  relations: Relation[];
  taken: Set<string>;
}

function timestamps(rng: Rng, isIndicator: boolean) {
  const created = BASE_TIME - rng.int(1, 400) * DAY - rng.int(0, DAY - 1);
  const modified = created + rng.int(0, 30) * DAY + rng.int(0, 3600);
  const ctixCreated = created + rng.int(60, 6 * 3600);
  return {
    created,
    modified,
    ctix_created: ctixCreated,
    ctix_modified: Math.max(modified, ctixCreated),
    valid_from: created,
    valid_until: isIndicator ? created + rng.pick([30, 90, 180, 365]) * DAY : null,
  };
}

function addObject(
  b: Builder,
  type: string,
  name: string,
  extra: Partial<ThreatObject> & { id?: string } = {},
): ThreatObject {
  const { rng } = b;
  const isIndicator = type === 'indicator';
  const object: ThreatObject = {
    id: extra.id ?? rng.uuid(),
    type,
    name,
    ioc_type: null,
    confidence_score: rng.int(15, 100),
    tlp: rng.pick(TLP_WEIGHTED),
    description: rng.pick(DESCRIPTIONS[type] ?? ['Threat data object.']),
    sources: rng.sample(SOURCES, rng.int(1, 3)),
    tags: rng.sample(TAGS, rng.int(0, 3)),
    ...timestamps(rng, isIndicator),
    is_false_positive: isIndicator && rng.chance(0.05),
    is_whitelisted: isIndicator && rng.chance(0.04),
    is_deprecated: isIndicator && rng.chance(0.04),
    ...extra,
  };
  b.taken.add(name.toLowerCase());
  b.objects.push(object);
  return object;
}

function relate(b: Builder, source: ThreatObject, target: ThreatObject, type: string): void {
  b.relations.push({
    id: b.rng.uuid(),
    source_id: source.id,
    target_id: target.id,
    relationship_type: type,
  });
}

function generateValue(rng: Rng, iocType: string, domains: readonly string[]): string {
  const host = (): string =>
    domains.length > 0 && rng.chance(0.5) ? rng.pick(domains) : gen.domain(rng);
  switch (iocType) {
    case 'ipv4-addr':
      return gen.ipv4(rng);
    case 'ipv6-addr':
      return gen.ipv6(rng);
    case 'domain-name':
      return gen.domain(rng);
    case 'url':
      return gen.url(rng, rng.chance(0.15) ? gen.ipv4(rng) : host());
    case 'email-addr':
      return gen.email(rng, host());
    case 'MD5':
      return rng.hex(32);
    case 'SHA-1':
      return rng.hex(40);
    case 'SHA-224':
      return rng.hex(56);
    case 'SHA-256':
      return rng.hex(64);
    case 'SHA-384':
      return rng.hex(96);
    case 'SHA-512':
      return rng.hex(128);
    case 'SSDEEP':
      return gen.ssdeep(rng);
    case 'autonomous-system':
      return gen.asn(rng);
    case 'mac-addr':
      return gen.mac(rng);
    case 'cidr':
      return gen.cidr(rng);
    case 'file':
      return gen.fileName(rng);
    case 'mutex':
      return gen.mutex(rng);
    case 'windows-registry-key':
      return gen.registryKey(rng);
    case 'user-agent':
      return gen.userAgent(rng);
    default:
      throw new Error(`no generator for ${iocType}`);
  }
}

function addKnownIndicators(b: Builder): ThreatObject[] {
  const ind = (iocType: string, value: string, extra: Partial<ThreatObject> = {}): ThreatObject =>
    addObject(b, 'indicator', value, {
      id: stableUuid(`indicator:${value}`),
      ioc_type: iocType,
      is_false_positive: false,
      is_whitelisted: false,
      is_deprecated: false,
      tags: [TAGS[10] as Tag],
      ...extra,
    });
  const c2 = 'Glasswing loader command-and-control server.';
  return [
    ind('ipv4-addr', KNOWN.ipv4, { confidence_score: 92, tlp: 'AMBER', description: c2 }),
    ind('ipv4-addr', KNOWN.ipv4Second, { confidence_score: 78, tlp: 'AMBER', description: c2 }),
    ind('ipv6-addr', KNOWN.ipv6, { confidence_score: 70, tlp: 'GREEN' }),
    ind('domain-name', KNOWN.domain, {
      confidence_score: 88,
      tlp: 'AMBER',
      description: 'Lure domain impersonating a document-sharing service.',
    }),
    ind('domain-name', KNOWN.domainSecond, { confidence_score: 74, tlp: 'GREEN' }),
    ind('url', KNOWN.url, { confidence_score: 90, tlp: 'AMBER' }),
    ind('email-addr', KNOWN.email, { confidence_score: 65, tlp: 'GREEN' }),
    ind('MD5', KNOWN.md5, { confidence_score: 95, tlp: 'GREEN' }),
    ind('SHA-1', KNOWN.sha1, { confidence_score: 95, tlp: 'GREEN' }),
    ind('SHA-256', KNOWN.sha256, { confidence_score: 97, tlp: 'GREEN' }),
    ind('SHA-256', KNOWN.sha256Second, { confidence_score: 90, tlp: 'AMBER' }),
    ind('autonomous-system', KNOWN.asn, { confidence_score: 40, tlp: 'CLEAR' }),
    ind('ipv4-addr', KNOWN.whitelistedIpv4, {
      confidence_score: 5,
      tlp: 'CLEAR',
      tags: [],
      is_whitelisted: true,
      description: 'Public DNS resolver; allow-listed.',
    }),
    ind('domain-name', KNOWN.falsePositiveDomain, {
      confidence_score: 10,
      tlp: 'CLEAR',
      tags: [],
      is_false_positive: true,
      description: 'Public CDN; marked false positive.',
    }),
    ind('ipv4-addr', KNOWN.deprecatedIpv4, {
      confidence_score: 30,
      tlp: 'GREEN',
      is_deprecated: true,
      description: 'Former C2, no longer active.',
    }),
  ];
}

function addGeneratedIndicators(b: Builder): ThreatObject[] {
  const out: ThreatObject[] = [];
  const domains: string[] = [];
  for (const [iocType, count] of INDICATOR_COUNTS) {
    for (let i = 0; i < count; i++) {
      // Small pools (file names, user agents) can run dry; give up on a value rather than loop.
      let value: string | null = null;
      for (let attempt = 0; attempt < 50 && value === null; attempt++) {
        const candidate = generateValue(b.rng, iocType, domains);
        if (!b.taken.has(candidate.toLowerCase())) value = candidate;
      }
      if (value === null) continue;
      if (iocType === 'domain-name') domains.push(value);
      out.push(addObject(b, 'indicator', value, { ioc_type: iocType }));
    }
  }
  return out;
}

function addNamed(b: Builder, type: string, names: readonly string[]): ThreatObject[] {
  return names.map((name) => addObject(b, type, name));
}

const nodeId = (o: ThreatObject): string => `${o.type}--${o.id}`;

function buildCanvas(
  b: Builder,
  id: string,
  name: string,
  members: readonly ThreatObject[],
): Canvas {
  const items: CanvasItem[] = members.map((o) => ({
    id: nodeId(o),
    type: 'node',
    t: o.name,
    prop: {
      indicator_type: o.ioc_type,
      score: o.confidence_score,
      tlp_data: o.tlp,
      object_type: o.type,
    },
  }));
  const memberIds = new Set(members.map((m) => m.id));
  for (const r of b.relations) {
    if (!memberIds.has(r.source_id) || !memberIds.has(r.target_id)) continue;
    const source = members.find((m) => m.id === r.source_id) as ThreatObject;
    const target = members.find((m) => m.id === r.target_id) as ThreatObject;
    items.push({
      id: `relationship--${r.id}`,
      type: 'link',
      t: r.relationship_type,
      id1: nodeId(source),
      id2: nodeId(target),
      prop: { relationship_type: r.relationship_type },
    });
  }
  const created = BASE_TIME - b.rng.int(1, 60) * DAY;
  return {
    id,
    name,
    description: `Investigation: ${name}`,
    created,
    modified: created + b.rng.int(1, 5) * DAY,
    items,
  };
}

export function seedData(seed: number = DEFAULT_SEED): Seed {
  const b: Builder = {
    rng: createRng(seed),
    objects: [],
    relations: [],
    taken: new Set(Object.values(UNKNOWN_REPORT_IOCS).map((v) => v.toLowerCase())),
  };
  const { rng } = b;
  // Claim the known values first so the generator can never produce them a second time.
  for (const v of Object.values(KNOWN)) b.taken.add(v.toLowerCase());

  const known = addKnownIndicators(b);
  const generated = addGeneratedIndicators(b);
  const indicators = [...known, ...generated];

  const glassLoader = addObject(b, 'malware', KNOWN.malware, {
    id: KNOWN_IDS.malware,
    confidence_score: 85,
    tlp: 'AMBER',
    description: 'Two-stage loader delivered through fake document-sharing pages.',
  });
  const heron = addObject(b, 'threat-actor', KNOWN.threatActor, {
    id: KNOWN_IDS.threatActor,
    confidence_score: 70,
    tlp: 'AMBER',
    description: 'Operators behind the Glasswing loader campaigns.',
  });
  const panOs = addObject(b, 'vulnerability', KNOWN.cve, {
    id: KNOWN_IDS.cve,
    confidence_score: 100,
    tlp: 'CLEAR',
    description: 'PAN-OS GlobalProtect command injection, exploited in the wild.',
  });
  const hostile = addObject(b, 'tool', HOSTILE_NAME, {
    id: KNOWN_IDS.hostileTool,
    description: '"><svg onload=alert("ctix-description")> tool with a hostile name.',
  });
  const malware = addNamed(b, 'malware', MALWARE);
  const actors = addNamed(b, 'threat-actor', THREAT_ACTORS);
  const vulns = addNamed(b, 'vulnerability', VULNERABILITIES);
  const patterns = addNamed(b, 'attack-pattern', ATTACK_PATTERNS);
  const campaigns = addNamed(b, 'campaign', CAMPAIGNS);
  const tools = addNamed(b, 'tool', TOOLS);
  const sets = addNamed(b, 'intrusion-set', INTRUSION_SETS);

  // Domain relations: indicators indicate malware, actors use malware, malware exploits CVEs.
  for (const ind of known.slice(0, 12)) relate(b, ind, glassLoader, 'indicates');
  relate(b, heron, glassLoader, 'uses');
  relate(b, glassLoader, panOs, 'exploits');
  for (const ind of generated) {
    if (rng.chance(0.3)) relate(b, ind, rng.pick(malware), 'indicates');
  }
  for (const actor of actors) {
    for (const m of rng.sample(malware, rng.int(1, 3))) relate(b, actor, m, 'uses');
  }
  for (const m of malware) {
    if (rng.chance(0.4)) relate(b, m, rng.pick(vulns), 'exploits');
    relate(b, m, rng.pick(patterns), 'uses');
  }
  for (const c of campaigns) relate(b, c, rng.pick(actors), 'attributed-to');

  // Reports are containers; each "contains" its related objects.
  const others = [...malware, ...actors, ...vulns, ...patterns, ...campaigns, ...tools, ...sets];
  const glassReport = addObject(b, 'report', KNOWN.reportName, {
    id: KNOWN_IDS.report,
    confidence_score: 80,
    tlp: 'AMBER',
    tags: [TAGS[10] as Tag, TAGS[2] as Tag],
    description: 'Analysis of the Glasswing two-stage loader and its infrastructure.',
  });
  const glassMembers = [
    ...known.filter((k) => k.name !== KNOWN.falsePositiveDomain),
    glassLoader,
    heron,
    panOs,
    ...rng.sample(generated, 25),
  ];
  for (const m of glassMembers) relate(b, glassReport, m, 'contains');
  const reports = [glassReport];
  const pool = [...indicators, ...others, hostile];
  for (const spec of REPORTS) {
    const report = addObject(b, 'report', spec.name);
    for (const m of rng.sample(pool, spec.relations)) relate(b, report, m, 'contains');
    reports.push(report);
  }

  const bulletins = buildBulletins(rng, reports);
  // The second investigation links phishing infrastructure to the families it delivers, so its
  // chart has edges as well as nodes.
  const kitMalware = malware.slice(0, 3);
  const kit = rng.sample(
    generated.filter((g) => g.ioc_type === 'domain-name' || g.ioc_type === 'url'),
    12,
  );
  for (const k of kit) relate(b, k, rng.pick(kitMalware), 'indicates');
  const canvases = [
    buildCanvas(b, KNOWN_IDS.canvas, KNOWN.canvasName, [
      ...known.slice(0, 12),
      glassLoader,
      heron,
      panOs,
    ]),
    // With a report node too: the picker's non-IOC groups include reports (issue 12 seed).
    buildCanvas(b, stableUuid('canvas:phishing-kit'), 'Phishing kit cluster', [
      ...kit,
      ...kitMalware,
      reports[1] as ThreatObject,
    ]),
  ];
  // The colleague's incident left its tag on the threat actor (known.ts COLLEAGUE_INCIDENT).
  heron.tags = [...heron.tags, { id: COLLEAGUE_INCIDENT.tagId, name: COLLEAGUE_INCIDENT.tagName }];
  // Added last so that it changes nothing above; its relations are the synthetic objects.
  addObject(b, 'report', KNOWN.bigReportName, {
    id: KNOWN_IDS.bigReport,
    confidence_score: 60,
    tlp: 'GREEN',
    tags: [],
    description: 'A large feed export: its relations span many pages.',
  });
  const taken = new Set(b.objects.map((o) => o.name.toLowerCase()));
  for (const v of Object.values(UNKNOWN_REPORT_IOCS)) taken.add(v.toLowerCase());
  const synthetic = createSyntheticPool({
    seed,
    sources: SOURCES,
    tags: TAGS,
    isTaken: (v) => taken.has(v),
    baseTime: BASE_TIME,
  });
  return makeSeed(seed, b.objects, b.relations, bulletins, canvases, synthetic);
}

const at = (daysAgo: number): number => BASE_TIME - daysAgo * DAY;

function buildBulletins(rng: Rng, reports: readonly ThreatObject[]): Bulletin[] {
  const [glass, phishing, , edge] = reports as [
    ThreatObject,
    ThreatObject,
    ThreatObject,
    ThreatObject,
  ];
  return [
    {
      id: KNOWN_IDS.bulletin,
      title: KNOWN.bulletinTitle,
      status: 'published',
      published: true,
      published_on: at(3),
      tlp: 'AMBER',
      description:
        '<p>Block the <b>Glasswing</b> loader infrastructure listed in the linked report.</p>' +
        `<ul><li>${KNOWN.ipv4}</li><li>${KNOWN.domain}</li></ul>`,
      report_id: glass.id,
      tags: [TAGS[10] as Tag],
      created: at(5),
      modified: at(3),
    },
    {
      id: stableUuid('bulletin:weekly-phishing'),
      title: 'Weekly phishing roundup',
      status: 'published',
      published: true,
      published_on: at(rng.int(7, 14)),
      tlp: 'GREEN',
      description: '<p>Phishing infrastructure observed this week.</p>',
      report_id: phishing.id,
      tags: [TAGS[0] as Tag],
      created: at(15),
      modified: at(7),
    },
    {
      id: KNOWN_IDS.draftBulletin,
      title: KNOWN.draftBulletinTitle,
      status: 'draft',
      published: false,
      published_on: null,
      tlp: 'RED',
      // Hostile markup on purpose: bulletin descriptions are HTML and must never be executed.
      description:
        '<p>Edge VPN appliances under mass exploitation.</p><img src=x onerror="alert(\'bulletin\')">',
      report_id: edge.id,
      tags: [TAGS[11] as Tag, TAGS[8] as Tag],
      created: at(1),
      modified: at(1),
    },
  ];
}

/**
 * The big report "contains" the first BIG_REPORT_RELATIONS synthetic objects; each of those sees
 * the report from its side. Built on demand: most tests never ask.
 */
function syntheticRelations(
  seed: number,
  byId: ReadonlyMap<string, ThreatObject>,
  synthetic: SyntheticPool,
): (id: string) => RelationView[] {
  const relationId = (i: number): string => stableUuid(`relation:${seed}:big-report:${i}`);
  let reportViews: RelationView[] | null = null;
  return (id) => {
    const report = byId.get(KNOWN_IDS.bigReport);
    if (!report) return [];
    if (id === report.id) {
      reportViews ??= Array.from({ length: BIG_REPORT_RELATIONS }, (_, i) => ({
        id: relationId(i),
        relationship_type: 'contains',
        target: synthetic.at(i),
      }));
      return reportViews;
    }
    const index = synthetic.indexOf(id);
    if (index < 0 || index >= BIG_REPORT_RELATIONS) return [];
    return [{ id: relationId(index), relationship_type: 'contains', target: report }];
  };
}

function makeSeed(
  seed: number,
  objects: ThreatObject[],
  relations: Relation[],
  bulletins: Bulletin[],
  canvases: Canvas[],
  synthetic: SyntheticPool,
): Seed {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const byValue = new Map<string, ThreatObject>();
  for (const o of objects)
    if (!byValue.has(o.name.toLowerCase())) byValue.set(o.name.toLowerCase(), o);
  const relationIndex = new Map<string, RelationView[]>();
  const syntheticRelationsOf = syntheticRelations(seed, byId, synthetic);
  const large = largeInputs(seed, synthetic, BASE_TIME);
  const push = (from: string, view: RelationView): void => {
    const list = relationIndex.get(from);
    if (list) list.push(view);
    else relationIndex.set(from, [view]);
  };
  for (const r of relations) {
    const source = byId.get(r.source_id);
    const target = byId.get(r.target_id);
    if (!source || !target) continue;
    push(source.id, { id: r.id, relationship_type: r.relationship_type, target });
    push(target.id, { id: r.id, relationship_type: r.relationship_type, target: source });
  }
  return {
    seed,
    objects,
    relations,
    bulletins,
    canvases,
    iocTypes: IOC_TYPES,
    tags: tenantTags(),
    listRows: (count = objects.length) => {
      const n = Math.max(0, Math.min(Math.floor(count), MAX_LIST_ROWS));
      const rows = objects.slice(0, n);
      for (let i = 0; rows.length < n; i++) rows.push(synthetic.at(i));
      return rows;
    },
    getObject: (id) => byId.get(id) ?? large.getObject(id) ?? synthetic.byId(id),
    findByValue: (value) =>
      byValue.get(value.toLowerCase()) ?? synthetic.byValue(value.toLowerCase()),
    indicators: (iocType) =>
      objects.filter((o) => o.type === 'indicator' && (!iocType || o.ioc_type === iocType)),
    ofType: (type) => objects.filter((o) => o.type === type),
    relationsOf: (id) => relationIndex.get(id) ?? large.relationsOf(id) ?? syntheticRelationsOf(id),
    getBulletin: (id) => bulletins.find((x) => x.id === id) ?? large.getBulletin(id),
    getCanvas: (id) => canvases.find((x) => x.id === id) ?? large.getCanvas(id),
    large,
  };
}
