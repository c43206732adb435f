import type { PageRoutes } from '../settings/schema';

/**
 * Which Intel Exchange page a URL is, from the configurable page routes (cyware-api.md §4: the
 * bulletin and investigation routes are UNKNOWN, so they are settings). Used by the options
 * page's route tester and meant for the CTIX overlay too.
 *
 * A pattern is a path such as `/ctix/threatdata/{type}/{id}`: literal segments match exactly
 * (letter case ignored, like the tenant's router), `{type}` and `{id}` match one non-empty
 * segment. A trailing slash, the query and the hash are ignored. A pattern with `{id}` also
 * matches deeper paths below it, because object pages have sub-tabs (e.g. `/basic-details`).
 */

export type RouteKind = 'threatData' | 'threatDataList' | 'bulletin' | 'investigation';

export interface RouteMatch {
  kind: RouteKind;
  params: { type?: string; id?: string };
}

export const ROUTE_KINDS: readonly RouteKind[] = [
  'threatData',
  'threatDataList',
  'bulletin',
  'investigation',
];

/** The placeholders each kind must have, so the overlay can call the API for that page. */
export const REQUIRED_PLACEHOLDERS: Record<RouteKind, readonly ('type' | 'id')[]> = {
  threatData: ['type', 'id'],
  threatDataList: [],
  bulletin: ['id'],
  investigation: ['id'],
};

type Segment = { literal: string } | { param: 'type' | 'id' };

const PLACEHOLDER = /^\{(type|id)\}$/;

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function compile(pattern: string): Segment[] | null {
  if (!pattern.startsWith('/')) return null;
  const segments: Segment[] = [];
  for (const part of splitPath(pattern)) {
    const param = PLACEHOLDER.exec(part);
    if (param?.[1] === 'type' || param?.[1] === 'id') segments.push({ param: param[1] });
    else if (/[{}]/.test(part)) return null;
    else segments.push({ literal: part.toLowerCase() });
  }
  return segments;
}

/** A problem with one route pattern as typed on the options page, or null when it is usable. */
export function validateRoutePattern(kind: RouteKind, pattern: string): string | null {
  const text = pattern.trim();
  if (text === '') return 'Enter a path pattern.';
  if (!text.startsWith('/'))
    return 'Start the pattern with "/", e.g. /ctix/threatdata/{type}/{id}.';
  if (/[?#\s]/.test(text)) return 'Use the path only: no spaces, query (?) or hash (#).';
  const segments = compile(text);
  if (segments === null)
    return 'Only the placeholders {type} and {id} are known, each as a whole segment.';
  const params = segments.flatMap((s) => ('param' in s ? [s.param] : []));
  if (new Set(params).size !== params.length) return 'Use each placeholder at most once.';
  for (const needed of REQUIRED_PLACEHOLDERS[kind]) {
    if (!params.includes(needed)) return `This page's pattern needs {${needed}}.`;
  }
  if (kind === 'threatDataList' && params.length > 0) return 'The list page has no placeholders.';
  return null;
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function matchSegments(
  pattern: Segment[],
  path: string[],
): { params: RouteMatch['params']; literals: number } | null {
  const hasParams = pattern.some((s) => 'param' in s);
  // Deeper paths (object sub-tabs) only for patterns that name an object.
  if (path.length < pattern.length || (!hasParams && path.length !== pattern.length)) return null;
  const params: RouteMatch['params'] = {};
  let literals = 0;
  for (const [i, segment] of pattern.entries()) {
    const actual = path[i] ?? '';
    if ('literal' in segment) {
      if (actual.toLowerCase() !== segment.literal) return null;
      literals++;
    } else {
      const value = decode(actual);
      if (value === null || value === '') return null;
      params[segment.param] = value;
    }
  }
  return { params, literals };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url.trim());
  } catch {
    return null;
  }
}

function originOf(value: string): string | null {
  return parseUrl(value)?.origin ?? null;
}

/**
 * The page kind and IDs a URL matches, or null. With `ctixOrigin` (an origin or any URL on it),
 * URLs on other origins never match. When several patterns match, the one with more literal
 * segments wins, then the most specific (longest) one, then the order of ROUTE_KINDS.
 */
export function matchRoute(
  url: string,
  routes: PageRoutes,
  ctixOrigin?: string,
): RouteMatch | null {
  return createRouteMatcher(routes, ctixOrigin).match(url);
}

export interface RouteMatcher {
  match(url: string): RouteMatch | null;
  /** For an already parsed URL (an <a> element's origin and pathname): no parsing per call. */
  matchParts(protocol: string, origin: string, pathname: string): RouteMatch | null;
}

/**
 * matchRoute with the patterns compiled once: the overlay asks for every link of every row it
 * decorates, and compiling four patterns and parsing two URLs each time showed in its profile.
 */
export function createRouteMatcher(routes: PageRoutes, ctixOrigin?: string): RouteMatcher {
  const expected = ctixOrigin === undefined ? undefined : originOf(ctixOrigin);
  const compiled = ROUTE_KINDS.map((kind) => ({ kind, pattern: compile(routes[kind].trim()) }));

  function matchParts(protocol: string, origin: string, pathname: string): RouteMatch | null {
    if (protocol !== 'https:' && protocol !== 'http:') return null;
    if (expected !== undefined && (expected === null || expected !== origin)) return null;
    const path = splitPath(pathname);
    let best: { match: RouteMatch; literals: number; length: number } | null = null;
    for (const { kind, pattern } of compiled) {
      if (pattern === null) continue;
      const found = matchSegments(pattern, path);
      if (found === null) continue;
      const better =
        best === null ||
        found.literals > best.literals ||
        (found.literals === best.literals && pattern.length > best.length);
      if (better)
        best = {
          match: { kind, params: found.params },
          literals: found.literals,
          length: pattern.length,
        };
    }
    return best?.match ?? null;
  }

  return {
    matchParts,
    match(url) {
      const parsed = parseUrl(url);
      return parsed === null ? null : matchParts(parsed.protocol, parsed.origin, parsed.pathname);
    },
  };
}
