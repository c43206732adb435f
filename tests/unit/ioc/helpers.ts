import { extractIocs, type ExtractOptions, type IocType } from '../../../utils/ioc/index';

/** `type:value` strings found in `text` (with private IPs included unless told otherwise). */
export function found(text: string, options: ExtractOptions = {}): string[] {
  return extractIocs(text, { includePrivateIps: true, ...options }).iocs.map(
    (i) => `${i.type}:${i.value}`,
  );
}

/** Values of one type found in `text`. */
export function valuesOf(text: string, type: IocType, options: ExtractOptions = {}): string[] {
  return extractIocs(text, { includePrivateIps: true, ...options })
    .iocs.filter((i) => i.type === type)
    .map((i) => i.value);
}
