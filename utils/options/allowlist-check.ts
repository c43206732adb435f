import type { validateAllowlistEntry } from '../ioc/allowlist';

export type AllowlistCheck = typeof validateAllowlistEntry;

/**
 * The allowlist check, loaded on demand. It is the IOC engine's own rule (so the page and the
 * extractor agree on every entry), and it carries the public suffix list (`*.co.uk` would
 * allowlist a whole suffix) and an IP parser: over half the options page's weight. The page
 * loads it only once its allowlist has an entry; until then validateForm reports the field as
 * not yet checked, so nothing unchecked is ever saved.
 */
let loaded: AllowlistCheck | null = null;
let loading: Promise<AllowlistCheck> | null = null;

export function loadedAllowlistCheck(): AllowlistCheck | null {
  return loaded;
}

export function loadAllowlistCheck(): Promise<AllowlistCheck> {
  loading ??= import('../ioc/allowlist').then(
    (module) => (loaded = module.validateAllowlistEntry),
    (error: unknown) => {
      loading = null; // a later call tries again
      throw error;
    },
  );
  return loading;
}

/** Shown (and counted as an error, so Save waits) while the check is loading. */
export const ALLOWLIST_PENDING = 'Checking the allowlist…';
