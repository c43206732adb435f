/**
 * IOC extraction engine: pure TypeScript, no browser or Node APIs. See README.md in this folder.
 */

export { IOC_TYPES, DEFAULT_MAX_BYTES } from './types';
export type { IocType, IocSpan, Ioc, ExtractOptions, ExtractResult } from './types';
export { extractIocs } from './extract';
export { validateAllowlistEntry, isAllowlisted } from './allowlist';
export { refang, REFANG_RULES } from './refang';
export type { RefangRule, RefangKind } from './refang';
export { normaliseValue } from './normalise';
