// Fault injection rules for /__sandbox/faults. A rule matches by method and path; the first
// active matching rule (in the order added) is used and its `times` budget counts down.
// Where a fault applies in the pipeline is decided by the server (see server.ts): status and
// html403 answer before authentication, like a proxy or rate limiter in front of the API; delay,
// drop and malformed act around normal processing, so the request still takes effect.
import { z } from 'zod';
import { html, page } from './html';
import { json, statusText, type SandboxResponse } from './http';

export const FAULT_ACTIONS = ['status', 'html403', 'delay', 'drop', 'malformed'] as const;
export type FaultAction = (typeof FAULT_ACTIONS)[number];

export const FaultRuleSchema = z
  .object({
    method: z.string().min(1).optional(),
    path: z.string().min(1),
    action: z.enum(FAULT_ACTIONS),
    status: z.number().int().min(100).max(599).optional(),
    body: z.unknown().optional(),
    retryAfter: z.number().min(0).optional(),
    delayMs: z.number().int().min(0).max(120_000).optional(),
    times: z.number().int().min(1).optional(),
  })
  .strict();

export type FaultRule = z.infer<typeof FaultRuleSchema>;

export interface StoredFault extends FaultRule {
  id: number;
  /** Matches left; null means unlimited. */
  remaining: number | null;
  hits: number;
}

export const DEFAULT_DELAY_MS = 1000;

/** Path patterns that start and end with '/' (and have something between) are regexes. */
function compilePath(path: string): (pathname: string) => boolean {
  if (path.length > 2 && path.startsWith('/') && path.endsWith('/')) {
    const re = new RegExp(path.slice(1, -1));
    return (p) => re.test(p);
  }
  return (p) => p.includes(path);
}

export type AddResult =
  { ok: true; rule: StoredFault } | { ok: false; errors: Record<string, string[]> };

export class FaultStore {
  private rules: { rule: StoredFault; matches: (pathname: string) => boolean }[] = [];
  private nextId = 1;

  add(input: unknown): AddResult {
    const parsed = FaultRuleSchema.safeParse(input);
    if (!parsed.success) {
      const errors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.length > 0 ? issue.path.join('.') : 'non_field_errors';
        (errors[key] ??= []).push(issue.message);
      }
      return { ok: false, errors };
    }
    let matches: (pathname: string) => boolean;
    try {
      matches = compilePath(parsed.data.path);
    } catch (error) {
      return { ok: false, errors: { path: [`Invalid regular expression: ${String(error)}`] } };
    }
    const rule: StoredFault = {
      ...parsed.data,
      id: this.nextId++,
      remaining: parsed.data.times ?? null,
      hits: 0,
    };
    this.rules.push({ rule, matches });
    return { ok: true, rule };
  }

  list(): StoredFault[] {
    return this.rules.map((r) => ({ ...r.rule }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Find the rule for this request and consume one use of it. */
  take(method: string, pathname: string): StoredFault | null {
    for (const { rule, matches } of this.rules) {
      if (rule.remaining === 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!matches(pathname)) continue;
      rule.hits++;
      if (rule.remaining !== null) rule.remaining--;
      return { ...rule };
    }
    return null;
  }
}

function defaultBody(status: number): unknown {
  switch (status) {
    case 400:
      return { title: ['Ensure this field has no more than 255 characters.'] };
    case 429:
      return { detail: 'Request was throttled.' };
    case 500:
      return { detail: 'Internal server error.' };
    case 503:
      return { detail: 'Service temporarily unavailable, try again later.' };
    default:
      return { detail: statusText(status) };
  }
}

function retryHeaders(rule: StoredFault): Record<string, string> {
  return rule.retryAfter === undefined ? {} : { 'retry-after': String(rule.retryAfter) };
}

/** The answer of a `status` rule (default 500). */
export function statusFault(rule: StoredFault): SandboxResponse {
  const status = rule.status ?? 500;
  return json(
    status,
    rule.body === undefined ? defaultBody(status) : rule.body,
    retryHeaders(rule),
  );
}

/** What Cloudflare Access in front of a tenant answers: an HTML login wall, not JSON. */
export function html403Fault(rule: StoredFault): SandboxResponse {
  const body = html`<div style="max-width:480px;margin:80px auto;text-align:center">
    <h1>Forbidden</h1>
    <p>You don't have permission to view this application.</p>
    <p>Sign in with your identity provider to continue.</p>
    <p><small>Cloudflare Access &middot; Ray ID: 8c1f0e5a7d2b4c3e</small></p>
  </div>`;
  return {
    status: 403,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      server: 'cloudflare',
      'cf-ray': '8c1f0e5a7d2b4c3e-FRA',
      ...retryHeaders(rule),
    },
    body: page('Sign in ・ Cloudflare Access', body),
  };
}

/**
 * A 200 whose body is not valid JSON: the real answer cut in half (as a broken proxy would), with
 * a fixed fallback so the result can never accidentally parse.
 */
export function malformedFault(original: SandboxResponse): SandboxResponse {
  const cut = original.body.slice(0, Math.floor(original.body.length / 2));
  const body = cut.length > 1 && !parsesAsJson(cut) ? cut : '{"detail": "unterminated';
  return { status: 200, headers: { 'content-type': 'application/json' }, body };
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
