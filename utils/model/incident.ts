import * as z from 'zod/mini';
import { extractableIocTypeSchema } from '../settings/schema';
import { apiErrorViewSchema } from './api-error';

// Plain values and helpers live apart from the schemas, so pages can use them without zod.
export {
  UNKNOWN_OUTCOME_DISMISS_WARNING,
  UNKNOWN_OUTCOME_RESEND_WARNING,
  incidentIdsOf,
} from './incident-words';

// An incident from the analyst's request to its history row: what pages, the worker, the
// Cyware clients and the store all share.

export const iocRefSchema = z.object({
  type: extractableIocTypeSchema,
  value: z.string().check(z.minLength(1), z.maxLength(4096)),
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
  url: z.string().check(z.maxLength(8192)),
  pageTitle: z.string().check(z.maxLength(2000)),
  host: z.string().check(z.maxLength(255)),
  /** CTIX object IDs the incident was raised from (overlay flows). */
  ctixObjectIds: z._default(z.array(z.string()), []),
  /** The same objects with their types, so each can be tagged with the incident's ID. */
  ctixSources: z.optional(
    z
      .array(
        z.object({
          type: z.string().check(z.maxLength(64)),
          id: z.string().check(z.maxLength(128)),
        }),
      )
      .check(z.maxLength(5000)),
  ),
});

/** What the user confirmed in the review dialog and asks the background to send. */
export const incidentRequestSchema = z.object({
  /** Client-generated UUID: the same click never makes two outbox items. */
  requestId: z.uuid(),
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)),
  description: z.string().check(z.maxLength(100_000)),
  iocs: z.array(iocRefSchema).check(z.maxLength(5000)),
  /** CTIX object references connected as threat intel (e.g. a malware object). */
  ctixObjects: z._default(
    z
      .array(z.object({ id: z.string(), type: z.string(), name: z.string() }))
      .check(z.maxLength(1000)),
    [],
  ),
  tlp: z.optional(z.string().check(z.maxLength(40))),
  source: incidentSourceSchema,
});

export const incidentStateSchema = z.enum(['queued', 'sending', 'created', 'failed']);

export const historyItemSchema = z.object({
  /** = the request's requestId; also the Bridge-Ref on the Respond side. */
  id: z.string(),
  state: incidentStateSchema,
  title: z.string(),
  source: incidentSourceSchema,
  iocs: z.array(iocRefSchema),
  iocCount: z.int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  apiId: z.optional(z.string()),
  readableId: z.optional(z.string()),
  link: z.optional(z.string()),
  error: z.optional(apiErrorViewSchema),
  attempts: z.int(),
  nextAttemptAt: z.optional(z.number()),
  /**
   * An attempt may have reached Respond without an answer (timeout, dropped connection, a
   * worker killed mid-send) and no search has settled it yet: the incident may exist there.
   */
  outcomeUnknown: z.optional(z.boolean()),
  /**
   * Other incidents in Respond with this row's Bridge-Ref, found by the check after the
   * create (a browser re-sent the POST by itself): the analyst closes one of them.
   */
  duplicates: z.optional(
    z.array(
      z.object({
        apiId: z.string(),
        readableId: z.optional(z.string()),
        link: z.optional(z.string()),
      }),
    ),
  ),
});

export const duplicateMatchSchema = z.object({
  key: z.string(),
  incidents: z.array(
    z.object({
      id: z.string(),
      readableId: z.optional(z.string()),
      link: z.optional(z.string()),
      title: z.string(),
    }),
  ),
});

export type HistoryItem = z.infer<typeof historyItemSchema>;

export type IncidentRequest = z.infer<typeof incidentRequestSchema>;
export type IncidentSource = z.infer<typeof incidentSourceSchema>;
export type DuplicateMatch = z.infer<typeof duplicateMatchSchema>;
export type IocRef = z.infer<typeof iocRefSchema>;
