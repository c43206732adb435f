import { CTIX_TYPE_OF_EXTRACTED } from './ctix-types';
import { defaultSettings } from './defaults';
import { EXTRACTABLE_IOC_TYPES, type ExtractableIocType, type Settings } from './schema';

/**
 * Upgrading settings saved by an older build to IOC types it did not know.
 *
 * A type the analyst never saw in the options page cannot have been switched off by them, so
 * it is switched on (and mapped, when no row maps its Intel Exchange type yet). A type they did
 * see keeps whatever they chose. What a build knew is recorded next to the stored document
 * (`knownTypes`, written on every save); documents without it are inferred from their own
 * type list (see inferKnownTypes).
 */

/** The types of the builds before issue 15 (no mac, ssdeep, sha224, sha384, registry-key, filename). */
export const LEGACY_IOC_TYPES: readonly ExtractableIocType[] = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'cve',
  'asn',
  'mitre-attack',
  'btc',
];

/**
 * The types the build that wrote `types` knew. A list naming any type newer than the legacy
 * set was written by a build that offered all of today's types; otherwise it is a legacy list.
 */
export function inferKnownTypes(types: readonly string[]): readonly string[] {
  const legacy = new Set<string>(LEGACY_IOC_TYPES);
  return types.some((t) => !legacy.has(t)) ? EXTRACTABLE_IOC_TYPES : LEGACY_IOC_TYPES;
}

const sameType = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * `settings` with every type missing from `knownTypes` enabled and, where its Intel Exchange
 * type is mapped nowhere, given its default mapping row. Returns the same object when nothing
 * is new, so an up-to-date document is never rewritten.
 */
export function withNewIocTypes(settings: Settings, knownTypes: readonly string[]): Settings {
  const known = new Set(knownTypes);
  const added = EXTRACTABLE_IOC_TYPES.filter((t) => !known.has(t));
  if (added.length === 0) return settings;
  const types = [...settings.extraction.types];
  for (const t of added) if (!types.includes(t)) types.push(t);
  const mapping = settings.mapping.map((row) => ({ ...row, ctixTypes: [...row.ctixTypes] }));
  const defaults = defaultSettings().mapping;
  for (const t of added) {
    const ctix = CTIX_TYPE_OF_EXTRACTED[t];
    if (mapping.some((row) => row.ctixTypes.some((c) => sameType(c, ctix)))) continue;
    const row = defaults.find((r) => r.ctixTypes.some((c) => sameType(c, ctix)));
    if (row !== undefined) mapping.push({ respondField: row.respondField, ctixTypes: [ctix] });
  }
  return { ...settings, mapping, extraction: { ...settings.extraction, types } };
}
