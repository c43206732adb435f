// Synthetic threat data that fills the Intel Exchange list up to `?rows=10000`. The objects are
// not in `Seed.objects` (so CQL searches, counts and existing fixtures keep their meaning), but
// each one is a real object of the sandbox: `basic/` and `relations/` answer for it by type and
// ID, and the bulk lookup finds its value. Object `i` depends only on the seed number and `i`.
import { createRng, stableUuid, type Rng } from './prng';
import type { Source, Tag, ThreatObject, Tlp } from './seed-types';
import * as gen from './seed-values';

/** Most rows the list shows (`?rows=N` is capped at this), seed objects included. */
export const MAX_LIST_ROWS = 10_000;

/** The synthetic pool is as large as the biggest list, so any `rows` can be filled. */
export const SYNTHETIC_COUNT = MAX_LIST_ROWS;

export interface SyntheticDeps {
  seed: number;
  sources: readonly Source[];
  tags: readonly Tag[];
  /** Values (lower case) the seed already uses; synthetic values must differ. */
  isTaken(valueLower: string): boolean;
  /** Epoch seconds all timestamps are relative to. */
  baseTime: number;
}

export interface SyntheticPool {
  readonly count: number;
  /** Object `i` (0-based), the same instance on every call. */
  at(index: number): ThreatObject;
  byId(id: string): ThreatObject | undefined;
  byValue(valueLower: string): ThreatObject | undefined;
  /** 0-based index of a synthetic object, or -1. */
  indexOf(id: string): number;
}

const DAY = 86400;
const TLPS: readonly Tlp[] = ['CLEAR', 'GREEN', 'GREEN', 'AMBER', 'AMBER', 'AMBER+STRICT', 'RED'];

/** Type of object `i`: mostly indicators of the commonly mapped IOC types, a few others. */
function kindOf(index: number): { type: string; iocType: string | null } {
  switch (index % 20) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
      return { type: 'indicator', iocType: 'ipv4-addr' };
    case 6:
    case 7:
    case 8:
    case 9:
      return { type: 'indicator', iocType: 'domain-name' };
    case 10:
    case 11:
      return { type: 'indicator', iocType: 'url' };
    case 12:
    case 13:
    case 14:
      return { type: 'indicator', iocType: 'SHA-256' };
    case 15:
      return { type: 'indicator', iocType: 'MD5' };
    case 16:
      return { type: 'indicator', iocType: 'email-addr' };
    case 17:
      return { type: 'malware', iocType: null };
    case 18:
      return { type: 'tool', iocType: null };
    default:
      return { type: 'attack-pattern', iocType: null };
  }
}

/** A value that embeds the index, so it cannot repeat within the pool. */
function valueOf(rng: Rng, index: number, type: string, iocType: string | null): string {
  const n = index.toString().padStart(4, '0');
  const host = (): string =>
    `${gen.domain(rng).replace(/\.[a-z]+$/, '')}-${n}.${rng.pick(['top', 'xyz', 'info', 'site', 'online'])}`;
  switch (iocType) {
    case 'ipv4-addr':
      // 146–217 first octets are routable; the middle octets are the index.
      return `${rng.pick([146, 147, 152, 154, 158, 176, 178, 185, 188, 194, 212, 217])}.${(index >> 8) & 255}.${index & 255}.${rng.int(1, 254)}`;
    case 'domain-name':
      return host();
    case 'url':
      return gen.url(rng, host());
    case 'SHA-256':
      return rng.hex(64);
    case 'MD5':
      return rng.hex(32);
    case 'email-addr':
      return `${rng.pick(['billing', 'support', 'hr', 'noreply', 'invoice'])}.${n}@${host()}`;
    default:
      break;
  }
  if (type === 'malware') return `Synthetic malware family ${n}`;
  if (type === 'tool') return `Synthetic tool ${n}`;
  return `T9${n} Synthetic technique ${n}`;
}

export const syntheticId = (seed: number, index: number): string =>
  stableUuid(`synthetic:${seed}:${index}`);

function build(deps: SyntheticDeps, index: number): ThreatObject {
  const rng = createRng((deps.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const { type, iocType } = kindOf(index);
  const original = valueOf(rng, index, type, iocType);
  let name = original;
  // A generated value may already be a seed value (an IPv4 by chance): move it aside.
  for (let bump = 1; deps.isTaken(name.toLowerCase()); bump++) {
    name =
      iocType === 'ipv4-addr'
        ? original.replace(/\d+$/, (d) => String(((Number(d) + bump) % 254) + 1))
        : `${original}-${bump}`;
  }
  const isIndicator = type === 'indicator';
  const created = deps.baseTime - rng.int(1, 400) * DAY - rng.int(0, DAY - 1);
  const modified = created + rng.int(0, 30) * DAY;
  return {
    id: syntheticId(deps.seed, index),
    type,
    name,
    ioc_type: iocType,
    confidence_score: rng.int(10, 100),
    tlp: rng.pick(TLPS),
    description: isIndicator
      ? 'Synthetic indicator generated to fill the threat data list.'
      : 'Synthetic object generated to fill the threat data list.',
    sources: rng.sample(deps.sources, rng.int(1, 2)),
    tags: rng.sample(deps.tags, rng.int(0, 2)),
    created,
    modified,
    ctix_created: created + 600,
    ctix_modified: modified + 600,
    valid_from: created,
    valid_until: isIndicator ? created + 180 * DAY : null,
    is_false_positive: false,
    is_whitelisted: false,
    is_deprecated: false,
  };
}

/**
 * The pool builds objects on first use and keeps them (their tags may change through the API).
 * Finding one by ID or value builds the whole index once (10,000 small objects, a few ms).
 */
export function createSyntheticPool(deps: SyntheticDeps): SyntheticPool {
  const built: (ThreatObject | undefined)[] = [];
  let ids: Map<string, number> | null = null;
  let values: Map<string, number> | null = null;
  const at = (index: number): ThreatObject => {
    if (!Number.isInteger(index) || index < 0 || index >= SYNTHETIC_COUNT) {
      throw new RangeError(`no synthetic object ${index}`);
    }
    let o = built[index];
    if (!o) {
      o = build(deps, index);
      built[index] = o;
    }
    return o;
  };
  const idIndex = (): Map<string, number> => {
    ids ??= new Map(
      Array.from({ length: SYNTHETIC_COUNT }, (_, i) => [syntheticId(deps.seed, i), i]),
    );
    return ids;
  };
  const valueIndex = (): Map<string, number> => {
    values ??= new Map(
      Array.from({ length: SYNTHETIC_COUNT }, (_, i) => [at(i).name.toLowerCase(), i]),
    );
    return values;
  };
  return {
    count: SYNTHETIC_COUNT,
    at,
    byId: (id) => {
      const i = idIndex().get(id);
      return i === undefined ? undefined : at(i);
    },
    byValue: (value) => {
      const i = valueIndex().get(value);
      return i === undefined ? undefined : at(i);
    },
    indexOf: (id) => idIndex().get(id) ?? -1,
  };
}
