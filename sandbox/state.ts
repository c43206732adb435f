// Everything the sandbox remembers between requests. Seed data is regenerated on reset (it is
// deterministic), so nothing a test does can leak into the next test after a reset.
import { FaultStore } from './faults';
import { COLLEAGUE_INCIDENT } from './known';
import { stableUuid } from './prng';
import { BASE_TIME, seedData, type Seed } from './seed';
import type { TenantTag } from './seed-types';
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

/** Incidents that exist before any test runs (made "by someone else"; see COLLEAGUE_INCIDENT). */
export function seededIncidents(): IncidentRecord[] {
  const created = BASE_TIME - 2 * 86400;
  const body = {
    title: COLLEAGUE_INCIDENT.title,
    description: 'Raised from Intel Exchange by another analyst.',
    source: 'Intel Exchange',
  };
  return [
    {
      unique_id: COLLEAGUE_INCIDENT.uniqueId,
      readable_id: COLLEAGUE_INCIDENT.readableId,
      title: body.title,
      description: body.description,
      status: 'Open',
      created,
      modified: created,
      body,
      created_via: 'seed',
    },
  ];
}

export const CREATED_TAG_COLOUR = '#7f8c9b';

export class SandboxState {
  seed: Seed;
  /** Incidents created through the API (what `/__sandbox/incidents` and `v1/incident/` list). */
  incidents: IncidentRecord[] = [];
  /** Seeded incidents: `GET v1/incident/{id}/` and the Respond page find them, lists do not. */
  seededIncidents: IncidentRecord[] = seededIncidents();
  /** The tenant's tags, seeded ones first, then those created through `POST ingestion/tags/`. */
  tags: TenantTag[];
  requests: RequestLogEntry[] = [];
  readonly faults = new FaultStore();
  private nextIncident = FIRST_INCIDENT_NUMBER;
  private nextRequestId = 1;

  constructor(private readonly seedNumber: number | undefined) {
    this.seed = seedData(seedNumber);
    this.tags = [...this.seed.tags];
  }

  reset(): void {
    this.seed = seedData(this.seedNumber);
    this.tags = [...this.seed.tags];
    this.incidents = [];
    this.seededIncidents = seededIncidents();
    this.requests = [];
    this.faults.clear();
    this.nextIncident = FIRST_INCIDENT_NUMBER;
    this.nextRequestId = 1;
  }

  findIncident(uniqueId: string): IncidentRecord | undefined {
    return (
      this.incidents.find((i) => i.unique_id === uniqueId) ??
      this.seededIncidents.find((i) => i.unique_id === uniqueId)
    );
  }

  /** A new tenant tag; its ID derives from the name, like the seeded ones. */
  createTag(name: string): TenantTag {
    const tag: TenantTag = {
      id: stableUuid(`tag:${name}`),
      name,
      colour_code: CREATED_TAG_COLOUR,
      tag_type: 'user',
    };
    this.tags.push(tag);
    return tag;
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
