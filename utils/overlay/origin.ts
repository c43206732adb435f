import type { Settings } from '../settings/schema';

/**
 * The Intel Exchange web UI origin the overlay runs on: the overlay's own setting, else the
 * origin of the Intel Exchange API (a tenant serves both from one host). null when neither is
 * set, or the overlay is off.
 */
export function overlayOrigin(settings: Pick<Settings, 'ctix' | 'overlay'>): string | null {
  if (!settings.overlay.enabled) return null;
  const base = settings.overlay.uiUrl.trim() || settings.ctix.baseUrl.trim();
  if (base === '') return null;
  try {
    const url = new URL(base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The match pattern for an origin: scheme and host, no port (Firefox refuses ports). */
export function matchPatternOf(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Whether a sender's URL is on the overlay origin (the script is registered by host only). */
export function isOnOrigin(url: string | undefined, origin: string | null): boolean {
  if (!url || !origin) return false;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
