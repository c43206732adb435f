import { z } from 'zod';
import { settingsSchema } from '../settings/schema';
import { apiErrorViewSchema } from './api-error';

// What pages are shown about settings, connections and the outbox (never a secret value).

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

export const templatePreviewSchema = z.object({
  method: z.string(),
  /** Full URL with the Signature (and nothing secret) masked. */
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});

export type SettingsView = z.infer<typeof settingsViewSchema>;
export type Status = z.infer<typeof statusSchema>;
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;
export type TemplatePreview = z.infer<typeof templatePreviewSchema>;
