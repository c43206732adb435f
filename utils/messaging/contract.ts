import { z } from 'zod';
import { apiErrorViewSchema } from '../cyware/errors';
import { lockAttemptSchema, lockStateSchema, passphraseSchema } from './lock-contract';
import {
  extractableIocTypeSchema,
  incidentTemplateSchema,
  settingsSchema,
} from '../settings/schema';

/**
 * The one message contract between extension pages / content scripts and the background.
 * Every request is a `{ type, payload }` validated here by the router before any handler
 * runs; every response is `{ ok: true, data } | { ok: false, error }`.
 *
 * `from` says who may send it: `page` = our own extension pages (options, popup, review
 * window), `content` = our content scripts in a tab. Settings and secrets are page-only:
 * a compromised web page that reaches a content script still cannot read or change them.
 *
 * No response schema has a field that can carry a secret: secrets go out only as
 * `{ set, updatedAt }` (tests/unit/messaging walks every handler to prove it).
 */

export const productSchema = z.enum(['ctix', 'cftr']);

export const secretStatusSchema = z.object({
  set: z.boolean(),
  /** Epoch ms of the last save, when set. */
  updatedAt: z.number().optional(),
  /** Origin the secret is bound to; it is never sent to any other. */
  origin: z.string().optional(),
  /** Cleared because the API address moved to another host: enter it again. */
  cleared: z.literal('origin-moved').optional(),
});

export const expiryStateSchema = z.enum(['none', 'ok', 'soon', 'expired']);

export const connectionStatusSchema = z.object({
  configured: z.boolean(),
  expiresOn: z.string().nullable(),
  expiry: expiryStateSchema,
  /** Days until expiry (negative when past), when a date is set. */
  daysLeft: z.number().optional(),
  lastTest: z
    .object({
      ok: z.boolean(),
      at: z.number(),
      latencyMs: z.number().optional(),
      error: apiErrorViewSchema.optional(),
    })
    .optional(),
});

export const statusSchema = z.object({
  ctix: connectionStatusSchema,
  cftr: connectionStatusSchema,
  queued: z.number().int(),
  failed: z.number().int(),
});

/** Settings as pages see them: no secret values, and which paths policy has locked. */
export const settingsViewSchema = z.object({
  settings: settingsSchema,
  secrets: z.object({ ctix: secretStatusSchema, cftr: secretStatusSchema }),
  /** Dotted setting paths fixed by admin policy (storage.managed), e.g. "cftr.baseUrl". */
  locked: z.array(z.string()),
});

export const iocRefSchema = z.object({
  type: extractableIocTypeSchema,
  value: z.string().min(1).max(4096),
});

/** Where a draft came from; drawn in the popup and the description. */
export const incidentSourceSchema = z.object({
  kind: z.enum([
    'selection',
    'link',
    'page',
    'ctix-object',
    'ctix-bulk',
    'bulletin',
    'investigation',
  ]),
  url: z.string().max(8192),
  pageTitle: z.string().max(2000),
  host: z.string().max(255),
  /** CTIX object IDs the incident was raised from (overlay flows). */
  ctixObjectIds: z.array(z.string()).default([]),
});

/** What the user confirmed in the review dialog and asks the background to send. */
export const incidentRequestSchema = z.object({
  /** Client-generated UUID: the same click never makes two outbox items. */
  requestId: z.uuid(),
  title: z.string().trim().min(1).max(255),
  description: z.string().max(100_000),
  iocs: z.array(iocRefSchema).max(5000),
  /** CTIX object references connected as threat intel (e.g. a malware object). */
  ctixObjects: z
    .array(z.object({ id: z.string(), type: z.string(), name: z.string() }))
    .max(1000)
    .default([]),
  tlp: z.string().max(40).optional(),
  source: incidentSourceSchema,
});

export const incidentStateSchema = z.enum(['queued', 'sending', 'created', 'failed']);

/** Said before an incident of unknown outcome is dismissed (popup, and the worker's refusal). */
export const UNKNOWN_OUTCOME_DISMISS_WARNING =
  'This incident may already exist in Respond; dismissing forgets it here but does not delete it there.';

export const historyItemSchema = z.object({
  /** = the request's requestId; also the Bridge-Ref on the Respond side. */
  id: z.string(),
  state: incidentStateSchema,
  title: z.string(),
  source: incidentSourceSchema,
  iocs: z.array(iocRefSchema),
  iocCount: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  apiId: z.string().optional(),
  readableId: z.string().optional(),
  link: z.string().optional(),
  error: apiErrorViewSchema.optional(),
  attempts: z.number().int(),
  nextAttemptAt: z.number().optional(),
  /**
   * An attempt may have reached Respond without an answer (timeout, dropped connection, a
   * worker killed mid-send) and no search has settled it yet: the incident may exist there.
   */
  outcomeUnknown: z.boolean().optional(),
});

export const enrichmentSchema = z.object({
  value: z.string(),
  known: z.boolean(),
  id: z.string().optional(),
  iocType: z.string().optional(),
  score: z.number().optional(),
  tlp: z.string().optional(),
  falsePositive: z.boolean().optional(),
  allowlisted: z.boolean().optional(),
  deprecated: z.boolean().optional(),
});

export const extractedIocSchema = z.object({
  type: extractableIocTypeSchema,
  value: z.string(),
  original: z.string(),
  private: z.boolean().optional(),
});

/** Everything the review dialog needs to draw; prepared by the background per flow. */
export const reviewDraftSchema = z.object({
  reviewId: z.string(),
  actionLabel: z.string(),
  title: z.string(),
  description: z.string(),
  source: incidentSourceSchema,
  iocs: z.array(extractedIocSchema),
  /** Intel Exchange type of each extracted type, and the Respond field it maps to (or null). */
  mapping: z.record(
    z.string(),
    z.object({ ctixType: z.string(), respondField: z.string().nullable() }),
  ),
  ctixObjects: z.array(z.object({ id: z.string(), type: z.string(), name: z.string() })),
  truncated: z.boolean(),
  /** Whether an Intel Exchange connection exists, so the dialog knows to ask for enrichment. */
  canEnrich: z.boolean(),
  notice: z.string().optional(),
});

export const duplicateMatchSchema = z.object({
  key: z.string(),
  incidents: z.array(
    z.object({
      id: z.string(),
      readableId: z.string().optional(),
      link: z.string().optional(),
      title: z.string(),
    }),
  ),
});

export const templatePreviewSchema = z.object({
  method: z.string(),
  /** Full URL with the Signature (and nothing secret) masked. */
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});

const empty = z.object({}).strict();

/** The contract: one entry per message type. */
export const messages = {
  'settings.get': { from: ['page'], request: empty, response: settingsViewSchema },
  'settings.save': {
    from: ['page'],
    request: z.object({
      settings: settingsSchema,
      /** New secret values; omitted = keep the stored one. Write-only. */
      secrets: z
        .object({ ctix: z.string().min(1).optional(), cftr: z.string().min(1).optional() })
        .default({}),
    }),
    response: settingsViewSchema,
  },
  'settings.export': { from: ['page'], request: empty, response: z.object({ json: z.string() }) },
  'settings.import': {
    from: ['page'],
    request: z.object({ json: z.string().max(1_000_000) }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), view: settingsViewSchema }),
      z.object({
        ok: z.literal(false),
        errors: z.array(z.object({ path: z.string(), message: z.string() })),
      }),
    ]),
  },
  'connection.test': {
    from: ['page'],
    request: z.object({ product: productSchema }),
    response: z.object({
      ok: z.boolean(),
      latencyMs: z.number(),
      error: apiErrorViewSchema.optional(),
    }),
  },
  'ctix.iocTypes': {
    from: ['page'],
    request: empty,
    response: z.object({
      source: z.enum(['tenant', 'builtin']),
      types: z.array(z.object({ id: z.string(), name: z.string() })),
      error: apiErrorViewSchema.optional(),
    }),
  },
  'template.preview': {
    from: ['page'],
    request: z.object({ template: incidentTemplateSchema }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), preview: templatePreviewSchema }),
      z.object({ ok: z.literal(false), error: z.string(), line: z.number().optional() }),
    ]),
  },
  'status.get': { from: ['page', 'content'], request: empty, response: statusSchema },
  'history.list': {
    from: ['page'],
    request: z.object({
      query: z.string().max(500).default(''),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    response: z.object({ items: z.array(historyItemSchema), total: z.number().int() }),
  },
  'history.retry': {
    from: ['page'],
    request: z.object({ id: z.string() }),
    response: historyItemSchema,
  },
  'history.dismiss': {
    from: ['page'],
    request: z.object({
      id: z.string(),
      /**
       * Required to dismiss an item of unknown outcome: the user was told the incident may
       * exist in Respond and that dismissing only forgets it here.
       */
      confirmUnknownOutcome: z.boolean().default(false),
    }),
    response: z.object({ removed: z.boolean() }),
  },
  'history.duplicates': {
    from: ['page', 'content'],
    request: z.object({
      iocValues: z.array(z.string()).max(5000),
      ctixObjectIds: z.array(z.string()).max(1000).default([]),
    }),
    response: z.object({ matches: z.array(duplicateMatchSchema) }),
  },
  'history.forObject': {
    from: ['page', 'content'],
    request: z.object({ ctixObjectId: z.string() }),
    response: z.object({ items: z.array(historyItemSchema) }),
  },
  'flow.startPage': {
    from: ['page'],
    request: z.object({ tabId: z.number().int() }),
    response: z.object({ started: z.boolean(), reason: z.string().optional() }),
  },
  'review.get': {
    from: ['page', 'content'],
    /** reviewId omitted = the draft waiting for the sender's tab. */
    request: z.object({ reviewId: z.string().optional() }),
    response: z.object({ draft: reviewDraftSchema.nullable() }),
  },
  'review.enrich': {
    from: ['page', 'content'],
    request: z.object({ values: z.array(z.string().max(4096)).max(100) }),
    response: z.object({
      results: z.array(enrichmentSchema),
      error: apiErrorViewSchema.optional(),
    }),
  },
  'review.close': {
    from: ['page', 'content'],
    request: z.object({ reviewId: z.string() }),
    response: z.object({ closed: z.boolean() }),
  },
  'incident.create': {
    from: ['page', 'content'],
    request: z.object({ reviewId: z.string().optional(), incident: incidentRequestSchema }),
    response: historyItemSchema,
  },
  'incident.get': {
    from: ['page', 'content'],
    request: z.object({ id: z.string() }),
    response: z.object({ item: historyItemSchema.nullable() }),
  },
  // secret lock (issue 13): the optional passphrase lock; extension pages only, never content
  // scripts. Passphrases go in, never out. Handlers: utils/background/lock-handlers.ts.
  'lock.status': { from: ['page'], request: empty, response: lockStateSchema },
  'lock.enable': {
    from: ['page'],
    request: z.object({ passphrase: passphraseSchema }),
    response: lockStateSchema,
  },
  'lock.unlock': {
    from: ['page'],
    request: z.object({ passphrase: passphraseSchema }),
    response: lockAttemptSchema,
  },
  'lock.lock': { from: ['page'], request: empty, response: lockStateSchema },
  'lock.change': {
    from: ['page'],
    request: z.object({ current: passphraseSchema, next: passphraseSchema }),
    response: lockAttemptSchema,
  },
  'lock.disable': {
    from: ['page'],
    request: z.object({ passphrase: passphraseSchema }),
    response: lockAttemptSchema,
  },
  /** Forgotten passphrase: deletes the lock and every stored secret (`confirm` must be true). */
  'lock.reset': {
    from: ['page'],
    request: z.object({ confirm: z.literal(true) }),
    response: lockStateSchema,
  },
} as const satisfies Record<
  string,
  { from: readonly ('page' | 'content')[]; request: z.ZodType; response: z.ZodType }
>;

export type MessageType = keyof typeof messages;
export type RequestOf<T extends MessageType> = z.input<(typeof messages)[T]['request']>;
export type ParsedRequestOf<T extends MessageType> = z.output<(typeof messages)[T]['request']>;
export type ResponseOf<T extends MessageType> = z.output<(typeof messages)[T]['response']>;

export const envelopeSchema = z.object({
  /** Namespaces our messages so stray runtime messages from other code are ignored. */
  channel: z.literal('cftr-bridge'),
  type: z.string(),
  payload: z.unknown(),
});

export const resultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type MessageResult = z.infer<typeof resultSchema>;

/** storage.local key bumped by the background whenever history/outbox/status changes. */
export const CHANGE_SIGNAL_KEY = 'bridge.revision';

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsView = z.infer<typeof settingsViewSchema>;
export type Status = z.infer<typeof statusSchema>;
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;
export type HistoryItem = z.infer<typeof historyItemSchema>;
export type IncidentRequest = z.infer<typeof incidentRequestSchema>;
export type IncidentSource = z.infer<typeof incidentSourceSchema>;
export type ReviewDraft = z.infer<typeof reviewDraftSchema>;
export type Enrichment = z.infer<typeof enrichmentSchema>;
export type DuplicateMatch = z.infer<typeof duplicateMatchSchema>;
export type TemplatePreview = z.infer<typeof templatePreviewSchema>;
export type IocRef = z.infer<typeof iocRefSchema>;
