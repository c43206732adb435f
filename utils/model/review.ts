import { z } from 'zod';
import { extractableIocTypeSchema } from '../settings/schema';
import { incidentSourceSchema } from './incident';

// What a review dialog draws: the draft a flow prepared, and Intel Exchange verdicts.

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
  /** The host mixes scripts (`аррӏе.com`): a likely look-alike of another name (utils/ioc/idn.ts). */
  homograph: z.boolean().optional(),
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
  /** Start allow-listed and false-positive IOCs unchecked once Intel Exchange says so. */
  uncheckFlagged: z.boolean().optional(),
  notice: z.string().optional(),
});

export type ReviewDraft = z.infer<typeof reviewDraftSchema>;
export type Enrichment = z.infer<typeof enrichmentSchema>;
