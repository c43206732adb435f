// Minimal table-driven routing. Resolution is separate from handling because the server must
// know whether a path exists (404, like Django's URL resolver, before any auth) and whether the
// method is allowed (405, which Django REST framework reports only after authentication).
import type { SandboxConfig } from './config';
import type { SandboxResponse } from './http';
import type { SandboxState } from './state';

export interface RouteContext {
  state: SandboxState;
  config: SandboxConfig;
  method: string;
  /** Full URL pathname, e.g. /ctixapi/ping/ (pagination links are built from it). */
  pathname: string;
  query: URLSearchParams;
  body: Buffer;
  /** Decoded capture groups of the route pattern. */
  params: string[];
  /** Arrival time of the request, ms since the epoch. */
  nowMs: number;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handle(ctx: RouteContext): SandboxResponse;
}

export type Resolution =
  | { kind: 'found'; route: Route; params: string[] }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

export function resolveRoute(
  routes: readonly Route[],
  method: string,
  subpath: string,
): Resolution {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.pattern.exec(subpath);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    try {
      return { kind: 'found', route, params: m.slice(1).map((p) => decodeURIComponent(p ?? '')) };
    } catch {
      // A malformed %-escape in an ID cannot name anything.
      return { kind: 'not-found' };
    }
  }
  return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}
