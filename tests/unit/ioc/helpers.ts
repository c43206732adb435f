import {
  extractIocs,
  IOC_TYPES,
  type ExtractOptions,
  type IocType,
} from '../../../utils/ioc/index';

/**
 * The 14 types the corpus labels. The tests written before issue 15 pin what those types
 * find; `found` reports only them unless `options.types` says otherwise, so a file name or a
 * MAC in one of those inputs does not change what they check. New-type tests use `foundAll`.
 */
export const CORPUS_TYPES: readonly IocType[] = IOC_TYPES.filter(
  (t) => !['sha224', 'sha384', 'ssdeep', 'mac', 'registry-key', 'filename'].includes(t),
);

/** `type:value` strings found in `text` (with private IPs included unless told otherwise). */
export function found(text: string, options: ExtractOptions = {}): string[] {
  return extractIocs(text, { includePrivateIps: true, types: CORPUS_TYPES, ...options }).iocs.map(
    (i) => `${i.type}:${i.value}`,
  );
}

/** Like `found`, over every type. */
export function foundAll(text: string, options: ExtractOptions = {}): string[] {
  return found(text, { types: IOC_TYPES, ...options });
}

/** Values of one type found in `text`. */
export function valuesOf(text: string, type: IocType, options: ExtractOptions = {}): string[] {
  return extractIocs(text, { includePrivateIps: true, ...options })
    .iocs.filter((i) => i.type === type)
    .map((i) => i.value);
}
