// Request pipeline. Order matters and mirrors a real deployment:
//   1. /__sandbox/* control calls: no auth, no log, no faults.
//   2. Log the request with its signature verdict (computed for every API call, even ones that
//      end in 404, so tests can see what the client sent).
//   3. Faults `status` and `html403` answer at once, before auth, like a proxy or rate limiter.
//   4. `delay` waits, then the request is processed normally (auth uses the arrival time).
//   5. Route: unknown path -> 404 before auth (Django resolves URLs first); then auth (401/403);
//      then 405 for a wrong method (DRF checks methods after authenticating); then the handler.
//   6. `malformed` replaces the answer by invalid JSON; `drop` destroys the socket instead of
//      answering. Both act after processing, so e.g. the incident exists.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SandboxConfig } from './config';
import {
  DEFAULT_DELAY_MS,
  html403Fault,
  malformedFault,
  statusFault,
  type StoredFault,
} from './faults';
import {
  BodyTooLargeError,
  json,
  methodNotAllowed,
  notFoundJson,
  readBody,
  type SandboxResponse,
} from './http';
import { resolveRoute, type Route } from './router';
import { handleControl } from './routes/control';
import { cftrRoutes } from './routes/cftr';
import { ctixRoutes } from './routes/ctix';
import { handlePages } from './routes/pages';
import { handleUi, notFoundPage, sandboxHome } from './routes/ui';
import { verifySignature, type Credential, type VerifyResult } from './signature';
import type { Product, SandboxState } from './state';

export const CTIX_PREFIX = '/ctixapi/';
export const CFTR_PREFIX = '/cftrapi/openapi/';

interface Api {
  product: 'ctix' | 'cftr';
  prefix: string;
  routes: readonly Route[];
  credential: Credential;
}

function send(res: ServerResponse, response: SandboxResponse): void {
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': String(Buffer.byteLength(response.body)),
  });
  res.end(response.body);
}

/** What the request log keeps of a body: JSON when it parses, text otherwise. */
function loggedBody(body: Buffer): unknown {
  if (body.length === 0) return null;
  const text = body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > 65536 ? `${text.slice(0, 65536)}...` : text;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function applyFault(fault: StoredFault | null, produce: () => SandboxResponse): SandboxResponse {
  if (fault?.action === 'status') return statusFault(fault);
  if (fault?.action === 'html403') return html403Fault(fault);
  const response = produce();
  return fault?.action === 'malformed' ? malformedFault(response) : response;
}

export function createSandboxServer(state: SandboxState, config: SandboxConfig): Server {
  const apis: Api[] = [
    {
      product: 'ctix',
      prefix: CTIX_PREFIX,
      routes: ctixRoutes,
      credential: config.credentials.ctix,
    },
    {
      product: 'cftr',
      prefix: CFTR_PREFIX,
      routes: cftrRoutes(config.contract),
      credential: config.credentials.cftr,
    },
  ];
  // Anything under /ctixapi or /cftrapi is an API call (and gets JSON errors), even when the
  // rest of the path is wrong.
  const apiFor = (pathname: string): Api | undefined =>
    apis.find((a) => pathname.startsWith(`/${a.prefix.split('/')[1]}`));

  function apiResponse(
    api: Api,
    verdict: VerifyResult,
    method: string,
    pathname: string,
    query: URLSearchParams,
    body: Buffer,
    nowMs: number,
  ): SandboxResponse {
    if (!pathname.startsWith(api.prefix)) return notFoundJson();
    const resolution = resolveRoute(api.routes, method, pathname.slice(api.prefix.length));
    if (resolution.kind === 'not-found') return notFoundJson();
    if (verdict.verdict !== 'ok') return json(verdict.status, { detail: verdict.detail });
    if (resolution.kind === 'method-not-allowed') return methodNotAllowed(method);
    const { route, params } = resolution;
    return route.handle({ state, config, method, pathname, query, body, params, nowMs });
  }

  function uiResponse(pathname: string, query: URLSearchParams): SandboxResponse {
    if (pathname === '/') return sandboxHome();
    return (
      handlePages(pathname, query) ?? handleUi(state, pathname, query) ?? notFoundPage(pathname)
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const nowMs = config.clock();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const { pathname, searchParams: query } = url;
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        send(res, json(413, { detail: 'Request body too large.' }));
        return;
      }
      throw error;
    }

    if (pathname.startsWith('/__sandbox/')) {
      send(res, handleControl(state, method, pathname, query, body, nowMs));
      return;
    }

    const api = apiFor(pathname);
    const product: Product = api?.product ?? 'ui';
    const verdict = api ? verifySignature(query, api.credential, Math.floor(nowMs / 1000)) : null;
    const entry = state.log({
      time: new Date(nowMs).toISOString(),
      method,
      path: pathname,
      query: Object.fromEntries(query),
      signature: verdict?.verdict ?? null,
      product,
      status: null,
      body: loggedBody(body),
    });
    const fault = state.faults.take(method, pathname);
    if (fault) entry.fault = { id: fault.id, action: fault.action };
    if (fault?.action === 'delay') await sleep(fault.delayMs ?? DEFAULT_DELAY_MS);

    const response = applyFault(fault, () =>
      api && verdict
        ? apiResponse(api, verdict, method, pathname, query, body, nowMs)
        : uiResponse(pathname, query),
    );
    entry.status = response.status;
    if (config.log) {
      const extra = [verdict?.verdict, fault?.action].filter(Boolean).join(', ');
      console.log(`${method} ${pathname} -> ${response.status}${extra ? ` (${extra})` : ''}`);
    }
    if (fault?.action === 'drop') {
      // The request has been fully processed; the client never hears about it.
      req.socket.destroy();
      return;
    }
    send(res, response);
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('sandbox: unhandled error', error);
      if (!res.headersSent) send(res, json(500, { detail: 'Sandbox internal error.' }));
      else res.destroy();
    });
  });
}
