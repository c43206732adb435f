import * as z from 'zod/mini';
import { apiErrorViewSchema } from '../model/api-error';
import { duplicateMatchSchema, historyItemSchema, incidentRequestSchema } from '../model/incident';
import { ctixObjectRefSchema, objectIncidentSchema, overlayConfigSchema } from '../model/overlay';
import { enrichmentSchema, reviewDraftSchema } from '../model/review';
import { lockAttemptSchema, lockStateSchema, passphraseSchema } from './lock-contract';
import {
  productSchema,
  settingsViewSchema,
  statusSchema,
  templatePreviewSchema,
} from '../model/views';
import { incidentTemplateSchema, settingsSchema } from '../settings/schema';

/**
 * The one message contract between extension pages / content scripts and the background.
 * Every request is a `{ type, payload }` validated here by the router before any handler
 * runs; every response is `{ ok: true, data } | { ok: false, error }`.
 *
 * `from` says who may send it: `page` = our own extension pages (options, popup, review
 * window), `frame` = our review page framed in a web tab (review messages only, bound to that
 * tab's review), `content` = our content scripts in a tab. Settings and secrets are
 * page-only: a compromised web page that reaches a content script still cannot read or change
 * them, nor create an incident.
 *
 * No response schema has a field that can carry a secret: secrets go out only as
 * `{ set, updatedAt }` (tests/unit/messaging walks every handler to prove it).
 *
 * Messages only: the data they carry (incidents, drafts, views) is defined in utils/model,
 * which the clients and the store import too.
 */

const empty = z.strictObject({});

/** The contract: one entry per message type. */
export const messages = {
  'settings.get': { from: ['page'], request: empty, response: settingsViewSchema },
  'settings.save': {
    from: ['page'],
    request: z.object({
      settings: settingsSchema,
      /** New secret values; omitted = keep the stored one. Write-only. */
      secrets: z._default(
        z.object({
          ctix: z.optional(z.string().check(z.minLength(1))),
          cftr: z.optional(z.string().check(z.minLength(1))),
        }),
        {},
      ),
    }),
    response: settingsViewSchema,
  },
  'settings.export': { from: ['page'], request: empty, response: z.object({ json: z.string() }) },
  'settings.import': {
    from: ['page'],
    request: z.object({ json: z.string().check(z.maxLength(1_000_000)) }),
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
      error: z.optional(apiErrorViewSchema),
    }),
  },
  'ctix.iocTypes': {
    from: ['page'],
    request: empty,
    response: z.object({
      source: z.enum(['tenant', 'builtin']),
      types: z.array(z.object({ id: z.string(), name: z.string() })),
      error: z.optional(apiErrorViewSchema),
    }),
  },
  'template.preview': {
    from: ['page'],
    request: z.object({ template: incidentTemplateSchema }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), preview: templatePreviewSchema }),
      z.object({ ok: z.literal(false), error: z.string(), line: z.optional(z.number()) }),
    ]),
  },
  'status.get': { from: ['page', 'frame', 'content'], request: empty, response: statusSchema },
  'history.list': {
    from: ['page'],
    request: z.object({
      query: z._default(z.string().check(z.maxLength(500)), ''),
      offset: z._default(z.int().check(z.minimum(0)), 0),
      limit: z._default(z.int().check(z.minimum(1), z.maximum(500)), 50),
    }),
    response: z.object({ items: z.array(historyItemSchema), total: z.int() }),
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
      confirmUnknownOutcome: z._default(z.boolean(), false),
    }),
    response: z.object({ removed: z.boolean() }),
  },
  'history.duplicates': {
    from: ['page', 'frame'],
    request: z.object({
      iocValues: z.array(z.string()).check(z.maxLength(5000)),
      ctixObjectIds: z._default(z.array(z.string()).check(z.maxLength(1000)), []),
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
    request: z.object({ tabId: z.int() }),
    response: z.object({ started: z.boolean(), reason: z.optional(z.string()) }),
  },
  'review.get': {
    from: ['page', 'frame'],
    /** reviewId omitted = the draft waiting for the sender's tab. */
    request: z.object({ reviewId: z.optional(z.string()) }),
    response: z.object({ draft: z.nullable(reviewDraftSchema) }),
  },
  'review.enrich': {
    from: ['page', 'frame'],
    request: z.object({
      values: z.array(z.string().check(z.maxLength(4096))).check(z.maxLength(100)),
    }),
    response: z.object({
      results: z.array(enrichmentSchema),
      error: z.optional(apiErrorViewSchema),
    }),
  },
  'review.close': {
    from: ['page', 'frame'],
    request: z.object({ reviewId: z.string() }),
    response: z.object({ closed: z.boolean() }),
  },
  /**
   * The node picker's choice (issue 12): the canvas node IDs the analyst picked in the review
   * of an investigation; the worker resolves them and the review goes on to its draft. A frame
   * may answer only its own tab's review.
   */
  'review.pick': {
    from: ['page', 'frame'],
    request: z.object({
      reviewId: z.string().check(z.minLength(1), z.maxLength(64)),
      nodes: z
        .array(z.string().check(z.minLength(1), z.maxLength(300)))
        .check(z.minLength(1), z.maxLength(5000)),
    }),
    response: z.object({ started: z.boolean(), reason: z.optional(z.string()) }),
  },
  'incident.create': {
    from: ['page', 'frame'],
    request: z.object({ reviewId: z.optional(z.string()), incident: incidentRequestSchema }),
    response: historyItemSchema,
  },
  'incident.get': {
    from: ['page'],
    request: z.object({ id: z.string() }),
    response: z.object({ item: z.nullable(historyItemSchema) }),
  },
  // Intel Exchange overlay (issue 11): our content script on the configured Intel Exchange UI
  // origin only (the handlers check the sender's origin too).
  'overlay.config': {
    from: ['content'],
    request: empty,
    response: overlayConfigSchema,
  },
  'overlay.incidents': {
    from: ['content'],
    request: z.pick(ctixObjectRefSchema, { type: true, id: true }),
    response: z.object({ items: z.array(objectIncidentSchema) }),
  },
  'overlay.review': {
    from: ['content'],
    request: z.union([
      z.object({
        objects: z.array(ctixObjectRefSchema).check(z.minLength(1), z.maxLength(5000)),
        /** Where it was started: the object page, a list row, or the bulk bar. */
        entry: z.enum(['object', 'row', 'bulk']),
      }),
      // Issue 12: a threat bulletin (its report) or an investigation (the picked canvas nodes,
      // by node ID; none = its indicator nodes). The worker reads what they hold.
      z.object({
        entry: z.enum(['bulletin', 'investigation']),
        id: ctixObjectRefSchema.shape.id,
        nodes: z.optional(
          z.array(z.string().check(z.minLength(1), z.maxLength(300))).check(z.maxLength(5000)),
        ),
      }),
    ]),
    response: z.object({ started: z.boolean(), reason: z.optional(z.string()) }),
  },
  /** Whether a bulletin or investigation page can be used, and why not (a draft bulletin). */
  'overlay.container': {
    from: ['content'],
    request: z.object({
      kind: z.enum(['bulletin', 'investigation']),
      id: ctixObjectRefSchema.shape.id,
    }),
    response: z.object({ usable: z.boolean(), reason: z.optional(z.string()) }),
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
  // outbox edges (issue 17)
  /**
   * Send an incident of unknown outcome again without proof that Respond lacks it: only when
   * the analyst read UNKNOWN_OUTCOME_RESEND_WARNING and confirmed (the popup's confirm step).
   */
  'outbox.resend': {
    from: ['page'],
    request: z.object({ id: z.string(), confirmDuplicateRisk: z.literal(true) }),
    response: historyItemSchema,
  },
} as const satisfies Record<
  string,
  {
    from: readonly ('page' | 'frame' | 'content')[];
    request: z.ZodMiniType;
    response: z.ZodMiniType;
  }
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
