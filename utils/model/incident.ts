import { z } from 'zod';
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
  /** The same objects with their types, so each can be tagged with the incident's ID. */
  ctixSources: z
    .array(z.object({ type: z.string().max(64), id: z.string().max(128) }))
    .max(5000)
    .optional(),
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
  /**
   * Other incidents in Respond with this row's Bridge-Ref, found by the check after the
   * create (a browser re-sent the POST by itself): the analyst closes one of them.
   */
  duplicates: z
    .array(
      z.object({
        apiId: z.string(),
        readableId: z.string().optional(),
        link: z.string().optional(),
      }),
    )
    .optional(),
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

export type HistoryItem = z.infer<typeof historyItemSchema>;

export type IncidentRequest = z.infer<typeof incidentRequestSchema>;
export type IncidentSource = z.infer<typeof incidentSourceSchema>;
export type DuplicateMatch = z.infer<typeof duplicateMatchSchema>;
export type IocRef = z.infer<typeof iocRefSchema>;
