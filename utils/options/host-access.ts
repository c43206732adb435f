import { originPattern } from '../cyware/base-url';
import type { Settings } from '../settings/schema';

/** The part of browser.permissions the options page uses (injected, so tests can fake it). */
export interface PermissionsLike {
  request(permissions: { origins: string[] }): Promise<boolean>;
  contains(permissions: { origins: string[] }): Promise<boolean>;
  getAll?(): Promise<{ origins?: string[] }>;
  remove?(permissions: { origins: string[] }): Promise<boolean>;
}

/** Match patterns of exactly the configured API origins (Intel Exchange, Respond), deduplicated. */
export function hostPatterns(settings: Pick<Settings, 'ctix' | 'cftr'>): string[] {
  const patterns: string[] = [];
  for (const base of [settings.ctix.baseUrl, settings.cftr.baseUrl]) {
    if (base === '') continue;
    try {
      const pattern = originPattern(base);
      if (!patterns.includes(pattern)) patterns.push(pattern);
    } catch {
      // An invalid URL is reported beside its field; there is nothing to ask access for.
    }
  }
  return patterns;
}

/**
 * Ask for host access. MUST be called synchronously from the click handler, before anything
 * is awaited: browsers only show the prompt while the user gesture is still active.
 */
export function requestHostAccess(
  permissions: PermissionsLike,
  patterns: string[],
): Promise<boolean> {
  if (patterns.length === 0) return Promise.resolve(true);
  try {
    return permissions.request({ origins: patterns }).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

/**
 * Give back access to origins no longer configured (an old tenant), so the extension holds
 * exactly the two it uses. Manifest-granted origins cannot be removed; such failures are
 * ignored, as is a browser without getAll/remove.
 */
export async function releaseOtherHosts(
  permissions: PermissionsLike,
  keep: readonly string[],
): Promise<void> {
  if (!permissions.getAll || !permissions.remove) return;
  let granted: string[];
  try {
    granted = (await permissions.getAll()).origins ?? [];
  } catch {
    return;
  }
  for (const origin of granted) {
    if (keep.includes(origin)) continue;
    try {
      await permissions.remove({ origins: [origin] });
    } catch {
      // Required by the manifest (e.g. the e2e build's loopback grant): not ours to drop.
    }
  }
}

export async function hasHostAccess(permissions: PermissionsLike, base: string): Promise<boolean> {
  const patterns = hostPatterns({
    ctix: { baseUrl: base, accessId: '', expiresOn: null },
    cftr: { baseUrl: '', accessId: '', expiresOn: null, uiUrl: '' },
  });
  if (patterns.length === 0) return true;
  try {
    return await permissions.contains({ origins: patterns });
  } catch {
    return false;
  }
}
