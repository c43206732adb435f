// Public entry point: start a sandbox in-process (tests, demo, benchmarks) or from the CLI.
import type { AddressInfo } from 'node:net';
import { DEFAULT_HOST, resolveCredentials, type Contract } from './config';
import { createSandboxServer, CFTR_PREFIX, CTIX_PREFIX } from './server';
import type { Credential } from './signature';
import { SandboxState } from './state';

export interface SandboxOptions {
  /** 0 = any free port. Default 0 in-process (the CLI defaults to 8787). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  ctix?: Credential;
  cftr?: Credential;
  contract?: Contract;
  seed?: number;
  /** Print one line per request. */
  log?: boolean;
  /** Sandbox clock in ms since the epoch (default Date.now); lets tests pin the signature window. */
  clock?: () => number;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  port: number;
  /** url + '/ctixapi/' */
  ctixBase: string;
  /** url + '/cftrapi/openapi/' */
  cftrBase: string;
  credentials: { ctix: Credential; cftr: Credential };
  contract: Contract;
  stop(): Promise<void>;
  /** Clear incidents, request log and faults; re-seed. */
  reset(): void;
}

export function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST;
  const credentials = resolveCredentials(options);
  const contract = options.contract ?? 'default';
  const state = new SandboxState(options.seed);
  const server = createSandboxServer(state, {
    credentials,
    contract,
    clock: options.clock ?? Date.now,
    log: options.log ?? false,
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const hostPart = host.includes(':') ? `[${host}]` : host;
      const url = `http://${hostPart}:${port}`;
      resolve({
        url,
        port,
        ctixBase: url + CTIX_PREFIX,
        cftrBase: url + CFTR_PREFIX,
        credentials,
        contract,
        reset: () => state.reset(),
        stop: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive sockets would hold close() open for seconds.
            server.closeAllConnections();
          }),
      });
    });
  });
}

export { DEFAULT_CREDENTIALS, DEFAULT_PORT } from './config';
export type { Contract } from './config';
export type { FaultRule, StoredFault } from './faults';
export { sign, signedQuery, verifySignature } from './signature';
export type { Credential, SignatureVerdict } from './signature';
export type { IncidentRecord, RequestLogEntry } from './state';
export {
  seedData,
  BIG_REPORT_RELATIONS,
  COLLEAGUE_INCIDENT,
  HUGE_CANVAS_NODES,
  HUGE_REPORT_RELATIONS,
  KNOWN,
  KNOWN_IDS,
  HOSTILE_NAME,
  MAX_LIST_ROWS,
  UNKNOWN_REPORT_IOCS,
} from './seed';
export type { Seed, ThreatObject } from './seed';
export { REPORT_PAGE_IOCS, REPORT_PAGE_TITLE } from './pages/report';
export { XSS_PAGE_IOCS, XSS_PAGE_TITLE, XSS_PAYLOADS } from './pages/xss';
export { PLAIN_PAGE_IOCS } from './pages/plain';
