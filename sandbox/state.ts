// Everything the sandbox remembers between requests. Seed data is regenerated on reset (it is
// deterministic), so nothing a test does can leak into the next test after a reset.
import { FaultStore } from './faults';
import { seedData, type Seed } from './seed';
import type { SignatureVerdict } from './signature';

export type Product = 'ctix' | 'cftr' | 'ui' | 'control';

export interface RequestLogEntry {
  id: number;
  /** ISO time of arrival (sandbox clock). */
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Verdict of the signature check for API calls; null for UI and test pages. */
  signature: SignatureVerdict | null;
  product: Product;
  /** Status sent, or that would have been sent when the connection was dropped. */
  status: number | null;
  /** Request body: parsed JSON when it parses, else the text; null when empty. */
  body: unknown;
  /** Fault rule applied, if any. */
  fault?: { id: number; action: string };
}

export interface IncidentRecord {
  unique_id: string;
  readable_id: string;
  title: string;
  description: string;
  status: string;
  /** Epoch seconds (sandbox clock). */
  created: number;
  modified: number;
  /** The request body exactly as received (parsed). */
  body: Record<string, unknown>;
  /** Path the incident was created through (shows which contract the client used). */
  created_via: string;
}

/** Oldest entries are dropped beyond this, so long benchmark runs do not grow without bound. */
export const MAX_LOGGED_REQUESTS = 5000;
export const FIRST_INCIDENT_NUMBER = 1001;

export class SandboxState {
  seed: Seed;
  incidents: IncidentRecord[] = [];
  requests: RequestLogEntry[] = [];
  readonly faults = new FaultStore();
  private nextIncident = FIRST_INCIDENT_NUMBER;
  private nextRequestId = 1;

  constructor(private readonly seedNumber: number | undefined) {
    this.seed = seedData(seedNumber);
  }

  reset(): void {
    this.seed = seedData(this.seedNumber);
    this.incidents = [];
    this.requests = [];
    this.faults.clear();
    this.nextIncident = FIRST_INCIDENT_NUMBER;
    this.nextRequestId = 1;
  }

  takeIncidentNumber(): number {
    return this.nextIncident++;
  }

  log(entry: Omit<RequestLogEntry, 'id'>): RequestLogEntry {
    const full: RequestLogEntry = { id: this.nextRequestId++, ...entry };
    this.requests.push(full);
    if (this.requests.length > MAX_LOGGED_REQUESTS) this.requests.shift();
    return full;
  }
}
