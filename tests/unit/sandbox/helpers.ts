// Test helpers for the sandbox. Signing here is written independently of sandbox/signature.ts
// (straight from cyware-api.md §1), so the tests check the server against the spec rather
// than against itself.
import { createHmac } from 'node:crypto';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/index';

export interface Cred {
  accessId: string;
  secret: string;
}

/** Base64(HMAC-SHA1(utf8(secret), utf8(AccessID + "\n" + Expires))). */
export function specSign(accessId: string, secret: string, expires: number | string): string {
  return createHmac('sha1', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(`${accessId}\n${expires}`, 'utf8'))
    .digest('base64');
}

export function signedUrl(
  base: string,
  path: string,
  cred: Cred,
  expires: number,
  extra: Record<string, string> = {},
): string {
  const q = new URLSearchParams(extra);
  q.set('AccessID', cred.accessId);
  q.set('Expires', String(expires));
  q.set('Signature', specSign(cred.accessId, cred.secret, expires));
  return `${base}${path}?${q.toString()}`;
}

/** A fixed instant (ms) for tests that pin the sandbox clock. */
export const T0_S = 1_700_000_000;

export interface TestSandbox {
  sb: Sandbox;
  /** Current sandbox time in ms; tests may move it. */
  clock: { now: number };
  ctix(path: string, init?: CallInit): Promise<Response>;
  cftr(path: string, init?: CallInit): Promise<Response>;
  control(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** Request log entries, newest last. */
  requests(): Promise<LogEntry[]>;
}

export interface CallInit {
  method?: string;
  /** JSON-encoded unless already a string. */
  body?: unknown;
  params?: Record<string, string>;
}

export interface LogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  signature: string | null;
  product: string;
  status: number | null;
  body: unknown;
  fault?: { id: number; action: string };
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const clock = { now: T0_S * 1000 };
  const sb = await startSandbox({ port: 0, clock: () => clock.now, ...options });
  const call =
    (base: string, cred: Cred) =>
    (path: string, init: CallInit = {}): Promise<Response> => {
      const expires = Math.floor(clock.now / 1000) + 20;
      const body =
        init.body === undefined
          ? undefined
          : typeof init.body === 'string'
            ? init.body
            : JSON.stringify(init.body);
      return fetch(signedUrl(base, path, cred, expires, init.params), {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body,
      });
    };
  return {
    sb,
    clock,
    ctix: call(sb.ctixBase, sb.credentials.ctix),
    cftr: call(sb.cftrBase, sb.credentials.cftr),
    control: (path, init = {}) =>
      fetch(`${sb.url}/__sandbox/${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
    requests: async () => {
      const res = await fetch(`${sb.url}/__sandbox/requests`);
      return ((await res.json()) as { results: LogEntry[] }).results;
    },
  };
}

export type Json = Record<string, unknown>;

export async function jsonOf<T = Json>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export interface PageBody<T> {
  next: string | null;
  previous: string | null;
  page_size: number;
  total: number;
  results: T[];
}

/** Undo the defanging vendor blogs use, to compare page text with plain IOC values. */
export function refang(text: string): string {
  return text
    .replace(/\[\.\]/g, '.')
    .replace(/\[@\]/g, '@')
    .replace(/hxxp/g, 'http');
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
