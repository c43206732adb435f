// Shapes of the sandbox's Intel Exchange data. Field names follow the CTIX v3 API (cyware-api.md §4)
// so routes can copy them into responses without renaming.

export type Tlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';

export interface Source {
  id: string;
  name: string;
  source_type: string;
}

export interface Tag {
  id: string;
  name: string;
}

/** A tag of the tenant, as `GET ingestion/tags/` lists it (cyware-api.md §4). */
export interface TenantTag extends Tag {
  colour_code: string;
  tag_type: string;
}

export interface ThreatObject {
  /** Plain UUID, as in API paths `threat-data/{type}/{id}/`. */
  id: string;
  /** Object type in API spelling: indicator, malware, threat-actor, report, ... */
  type: string;
  name: string;
  /** IOC type for indicators (e.g. `ipv4-addr`, `SHA-256`), null otherwise. */
  ioc_type: string | null;
  confidence_score: number;
  tlp: Tlp;
  description: string;
  sources: Source[];
  tags: Tag[];
  /** Epoch seconds. */
  created: number;
  modified: number;
  ctix_created: number;
  ctix_modified: number;
  valid_from: number;
  valid_until: number | null;
  is_false_positive: boolean;
  is_whitelisted: boolean;
  is_deprecated: boolean;
}

/** A directed edge; the relations endpoint shows it from both ends. */
export interface Relation {
  id: string;
  source_id: string;
  target_id: string;
  relationship_type: string;
}

export interface RelationView {
  id: string;
  relationship_type: string;
  target: ThreatObject;
}

export interface Bulletin {
  id: string;
  title: string;
  status: 'published' | 'draft';
  published: boolean;
  published_on: number | null;
  tlp: Tlp;
  /** HTML, as CTIX stores it; may contain markup the extension must not execute. */
  description: string;
  report_id: string;
  tags: Tag[];
  created: number;
  modified: number;
}

/** KeyLines-style chart item, the shape CTIX returns for investigation nodes. */
export interface CanvasItem {
  id: string;
  type: 'node' | 'link';
  t: string;
  id1?: string;
  id2?: string;
  prop: {
    indicator_type?: string | null;
    score?: number;
    tlp_data?: Tlp;
    object_type?: string;
    relationship_type?: string;
  };
}

export interface Canvas {
  id: string;
  name: string;
  description: string;
  created: number;
  modified: number;
  items: CanvasItem[];
}

export interface IocType {
  id: string;
  name: string;
}

export interface Seed {
  seed: number;
  objects: readonly ThreatObject[];
  relations: readonly Relation[];
  bulletins: readonly Bulletin[];
  canvases: readonly Canvas[];
  iocTypes: readonly IocType[];
  /** The tenant's tags at seed time (the state adds the ones created through the API). */
  tags: readonly TenantTag[];
  /**
   * Rows of the Intel Exchange list: the seed objects in order, then synthetic objects up to
   * `count` (at most MAX_LIST_ROWS). Default: the seed objects only.
   */
  listRows(count?: number): ThreatObject[];
  /** A seed or synthetic object. */
  getObject(id: string): ThreatObject | undefined;
  /** Case-insensitive lookup of an object by its name (an indicator's value), synthetic too. */
  findByValue(value: string): ThreatObject | undefined;
  indicators(iocType?: string): ThreatObject[];
  ofType(type: string): ThreatObject[];
  /** Relations of an object, from its own point of view, in a stable order. */
  relationsOf(id: string): RelationView[];
  getBulletin(id: string): Bulletin | undefined;
  getCanvas(id: string): Canvas | undefined;
  /**
   * Issue 12's large inputs (seed-large.ts): reachable by ID through the lookups above, kept out
   * of the lists above so their counts stay.
   */
  large: { bulletin(): Bulletin; canvas(): Canvas };
}
