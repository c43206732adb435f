import * as z from 'zod/mini';
import { settingsSchema } from '../settings/schema';
import { apiErrorViewSchema } from './api-error';

// What pages are shown about settings, connections and the outbox (never a secret value).

export const productSchema = z.enum(['ctix', 'cftr']);

export const secretStatusSchema = z.object({
  set: z.boolean(),
  /** Epoch ms of the last save, when set. */
  updatedAt: z.optional(z.number()),
  /** Origin the secret is bound to; it is never sent to any other. */
  origin: z.optional(z.string()),
  /** Cleared because the API address moved to another host: enter it again. */
  cleared: z.optional(z.literal('origin-moved')),
});

export const expiryStateSchema = z.enum(['none', 'ok', 'soon', 'expired']);

export const connectionStatusSchema = z.object({
  configured: z.boolean(),
  expiresOn: z.nullable(z.string()),
  expiry: expiryStateSchema,
  /** Days until expiry (negative when past), when a date is set. */
  daysLeft: z.optional(z.number()),
  lastTest: z.optional(
    z.object({
      ok: z.boolean(),
      at: z.number(),
      latencyMs: z.optional(z.number()),
      error: z.optional(apiErrorViewSchema),
    }),
  ),
});

export const statusSchema = z.object({
  ctix: connectionStatusSchema,
  cftr: connectionStatusSchema,
  queued: z.int(),
  failed: z.int(),
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
