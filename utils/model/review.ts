import * as z from 'zod/mini';
import { extractableIocTypeSchema } from '../settings/schema';
import { incidentSourceSchema } from './incident';

// What a review dialog draws: the draft a flow prepared, and Intel Exchange verdicts.

export const enrichmentSchema = z.object({
  value: z.string(),
  known: z.boolean(),
  id: z.optional(z.string()),
  iocType: z.optional(z.string()),
  score: z.optional(z.number()),
  tlp: z.optional(z.string()),
  falsePositive: z.optional(z.boolean()),
  allowlisted: z.optional(z.boolean()),
  deprecated: z.optional(z.boolean()),
});

export const extractedIocSchema = z.object({
  type: extractableIocTypeSchema,
  value: z.string(),
  original: z.string(),
  private: z.optional(z.boolean()),
  /** The host mixes scripts (`аррӏе.com`): a likely look-alike of another name (utils/ioc/idn.ts). */
  homograph: z.optional(z.boolean()),
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
    z.object({ ctixType: z.string(), respondField: z.nullable(z.string()) }),
  ),
  ctixObjects: z.array(z.object({ id: z.string(), type: z.string(), name: z.string() })),
  truncated: z.boolean(),
  /** Whether an Intel Exchange connection exists, so the dialog knows to ask for enrichment. */
  canEnrich: z.boolean(),
  /** Start allow-listed and false-positive IOCs unchecked once Intel Exchange says so. */
  uncheckFlagged: z.optional(z.boolean()),
  notice: z.optional(z.string()),
});

export type ReviewDraft = z.infer<typeof reviewDraftSchema>;
export type Enrichment = z.infer<typeof enrichmentSchema>;
