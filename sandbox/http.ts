// Response values and body helpers. Route handlers return a SandboxResponse instead of writing to
// the socket, so the server can still apply faults (drop, malformed) after a handler has run.
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function json(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  };
}

export function htmlResponse(status: number, markup: string): SandboxResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: markup };
}

export const notFoundJson = (): SandboxResponse => json(404, { detail: 'Not found.' });

export function methodNotAllowed(method: string): SandboxResponse {
  return json(405, { detail: `Method "${method}" not allowed.` });
}

export function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** Largest request body accepted; bigger ones get 413 (a template cannot need more). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/** An empty body parses as `{}`, as Django REST framework treats it. */
export function parseJson(body: Buffer): JsonParse {
  const text = body.toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
