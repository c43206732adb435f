import type { ApiErrorView } from '../model/api-error';
import type { HistoryItem, IncidentRequest } from '../model/incident';
import type { Product, Settings } from '../settings/schema';

/** A secret key at rest: AES-GCM ciphertext under the non-extractable key in `keys`. */
export interface StoredSecret {
  product: Product;
  /** Absent on a tombstone: the secret was cleared because its API address moved. */
  ciphertext?: ArrayBuffer;
  iv?: Uint8Array<ArrayBuffer>;
  updatedAt: number;
  /** Origin of the base URL the secret was saved with; it is never sent anywhere else. */
  origin?: string;
  /** Set on a tombstone: the origin the cleared secret belonged to. */
  movedFrom?: string;
}

/**
 * The passphrase lock (utils/store/secret-lock.ts), kept in `keys` beside where the device key
 * was: the secret-encryption key wrapped (AES-GCM) under a PBKDF2-SHA-256 key of the passphrase.
 * Nothing here opens a secret without the passphrase.
 */
export interface LockRecord {
  kind: 'pbkdf2-sha256/aes-gcm-wrap';
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  iv: Uint8Array<ArrayBuffer>;
  /** The raw 256-bit secret-encryption key, encrypted under the passphrase key. */
  wrapped: ArrayBuffer;
  /** Random per lock-on; the session copy of the unwrapped key names it, so a stale one is never used. */
  keyId: string;
  since: number;
  /** Wrong passphrases in a row, and when the last one was tried (rate limit; survives restarts). */
  failures: number;
  lastFailureAt?: number;
}

/** The local settings document (what the options page saved; policy is merged on read). */
export interface StoredSettings {
  id: 'local';
  settings: Settings;
  updatedAt: number;
  /**
   * The IOC types the build that saved this offered (utils/settings/migrate.ts); absent in
   * documents saved before issue 15.
   */
  knownTypes?: string[];
}

/** Per-product state that is neither a setting nor a secret, e.g. the last connection test. */
export interface StoredProductStatus {
  product: Product;
  lastTest?: { ok: boolean; at: number; latencyMs?: number; error?: ApiErrorView };
}

/**
 * A history row: the page-facing item plus the fields the multiEntry indexes read. IndexedDB
 * can only index arrays of keys, so the IOC values and CTIX object IDs are copied out flat.
 */
export interface HistoryRecord extends HistoryItem {
  /** Lower-cased IOC values (duplicate lookups ignore case). */
  iocValues: string[];
  /** CTIX object IDs: the source's plus every connected object's. */
  ctixObjectIds: string[];
}

/** Everything needed to send (and re-send) one create request without re-rendering it. */
export interface PreparedCreate {
  path: string;
  /** Exact JSON text sent; rendered once at enqueue so every resend is byte-identical. */
  body: string;
  apiIdPaths: string[];
  readableIdPaths: string[];
  linkTemplate: string;
  uiUrl: string;
}

export interface OutboxItem {
  /** = requestId = the Bridge-Ref in the incident description. */
  id: string;
  request: IncidentRequest;
  prepared: PreparedCreate;
  enqueuedAt: number;
  /** When the first send started; reconciliation searches from here (minus a margin). */
  firstAttemptAt?: number;
  attempts: number;
  /** Not before this time (backoff, Retry-After). */
  nextAttemptAt: number;
  /** Set in the DB right before a send; found set at the next claim = outcome unknown. */
  inFlight?: { startedAt: number };
  /**
   * Start of an attempt that a dying worker left in flight. Its request may still be
   * running on the server, so reconciliation waits a while after this before searching.
   */
  interruptedAt?: number;
  /** An earlier attempt may have created the incident: search Respond before sending. */
  needsReconcile: boolean;
  /**
   * The analyst confirmed sending it again although no search proved Respond lacks it
   * (outbox.resend): the next attempt sends without searching. Cleared right before that send.
   */
  resendConfirmed?: boolean;
  /** Permanently failed; kept for a manual retry, never picked by the runner. */
  parked: boolean;
  lastError?: ApiErrorView;
}
