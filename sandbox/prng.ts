// Deterministic randomness for seed data and generated pages: the same seed must give the same
// objects, IDs and page bytes on every machine, so tests and benchmarks can rely on them.
import { createHash } from 'node:crypto';

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  hex(length: number): string;
  uuid(): string;
  /** `count` distinct items in random order (all of them when count >= length). */
  sample<T>(items: readonly T[], count: number): T[];
}

// mulberry32: tiny, fast, and good enough for test fixtures (not for anything secret).
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += int(0, 15).toString(16);
    return out;
  };
  const rng: Rng = {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (p) => next() < p,
    hex,
    uuid: () => formatUuid(hex(32)),
    sample<T>(items: readonly T[], count: number): T[] {
      const copy = items.slice();
      // Partial Fisher-Yates: only the first `count` slots need shuffling.
      const n = Math.min(count, copy.length);
      for (let i = 0; i < n; i++) {
        const j = int(i, copy.length - 1);
        const a = copy[i] as T;
        copy[i] = copy[j] as T;
        copy[j] = a;
      }
      return copy.slice(0, n);
    },
  };
  return rng;
}

/** Shape 32 hex digits as a version-4 UUID (version and variant nibbles forced). */
function formatUuid(h: string): string {
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * A UUID derived from a name only, so well-known fixture objects keep the same ID whatever seed
 * the sandbox runs with (e2e tests can hard-code their URLs).
 */
export function stableUuid(name: string): string {
  return formatUuid(createHash('sha256').update(`cftr-sandbox:${name}`).digest('hex').slice(0, 32));
}
