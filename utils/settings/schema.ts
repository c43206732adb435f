import * as z from 'zod/mini';
import {
  DEFAULT_OVERLAY,
  EXTRACTABLE_IOC_TYPES,
  RESPOND_FIELD_MESSAGE,
  RESPOND_FIELD_PATTERN,
  SETTINGS_VERSION,
} from './constants';

export { DEFAULT_OVERLAY, EXTRACTABLE_IOC_TYPES, SETTINGS_VERSION };

/**
 * Everything an admin configures, minus the two secret keys (those live in the encrypted
 * `secrets` store and never leave the background). Exported/imported as JSON, pushed by
 * admin policy, and read by every surface, so it is one zod schema with defaults.
 */

export const extractableIocTypeSchema = z.enum(EXTRACTABLE_IOC_TYPES);

/** A calendar date the credential expires on, as shown by Cyware: YYYY-MM-DD. */
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the date format YYYY-MM-DD'));

export const connectionSchema = z.object({
  /** Normalised API base ending in '/', e.g. https://tenant.cyware.com/ctixapi/; '' = not set. */
  baseUrl: z.string(),
  accessId: z.string(),
  expiresOn: z.nullable(isoDate),
});

export const respondConnectionSchema = z.extend(connectionSchema, {
  /** Respond web UI root used for incident links, e.g. https://tenant.cyware.com/cftr/ */
  uiUrl: z.string(),
});

export const fieldMappingRowSchema = z.object({
  respondField: z.string().check(z.regex(RESPOND_FIELD_PATTERN, RESPOND_FIELD_MESSAGE)),
  ctixTypes: z
    .array(z.string().check(z.minLength(1)))
    .check(z.minLength(1, 'Map at least one Intel Exchange type')),
});

export const incidentTemplateSchema = z.object({
  /** Path of the create call, relative to the Respond base (cyware-api.md §5: UNKNOWN). */
  createPath: z.string().check(z.minLength(1)),
  /** JSON text with {{placeholders}}; see utils/cyware/template.ts. */
  body: z.string().check(z.minLength(2)),
  /** Dotted paths into the create response, tried in order. */
  apiIdPaths: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  readableIdPaths: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  /** Incident web link; {ui} is the Respond UI URL, {unique_id} and {readable_id} the IDs. */
  linkTemplate: z.string().check(z.minLength(1)),
  /** {{tlp}} when the incident carries none (web flows); '' = null. */
  defaultTlp: z._default(z.string().check(z.maxLength(40)), 'AMBER'),
});

export const pageRoutesSchema = z.object({
  threatData: z.string().check(z.minLength(1)),
  threatDataList: z.string().check(z.minLength(1)),
  bulletin: z.string().check(z.minLength(1)),
  investigation: z.string().check(z.minLength(1)),
});

export const extractionSettingsSchema = z.object({
  types: z.array(extractableIocTypeSchema),
  refang: z.boolean(),
  includePrivateIps: z.boolean(),
  /** Values never included: domains with wildcards (*.corp.example) and CIDRs. */
  allowlist: z.array(z.string()),
});

export const rateLimitsSchema = z.object({
  ctixPerMinute: z.int().check(z.minimum(1), z.maximum(10_000)),
  cftrPerMinute: z.int().check(z.minimum(1), z.maximum(10_000)),
});

/** The Intel Exchange overlay (product.md §1): actions on the tenant's own pages. */
export const overlaySettingsSchema = z.object({
  enabled: z.boolean(),
  /** Intel Exchange web UI origin, e.g. https://tenant.cyware.com; '' = the API's origin. */
  uiUrl: z.string(),
  /** Most threat data objects one bulk incident may hold; said up front, not failed late. */
  bulkLimit: z.int().check(z.minimum(1), z.maximum(5000)),
  /** Tag each source object in Intel Exchange with the incident's readable ID. */
  tagObjects: z.boolean(),
});

/** How the review dialog starts (issue 16). */
export const reviewSettingsSchema = z.object({
  /** Allow-listed and false-positive IOCs (per Intel Exchange) start unchecked. */
  uncheckFlagged: z.boolean(),
});

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  ctix: connectionSchema,
  cftr: respondConnectionSchema,
  mapping: z.array(fieldMappingRowSchema),
  template: incidentTemplateSchema,
  actionLabel: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  routes: pageRoutesSchema,
  extraction: extractionSettingsSchema,
  rateLimits: rateLimitsSchema,
  // Settings saved or exported before the overlay existed have none: they get the defaults.
  overlay: z._default(overlaySettingsSchema, DEFAULT_OVERLAY),
  review: z._default(reviewSettingsSchema, { uncheckFlagged: true }),
});

export type ExtractableIocType = z.infer<typeof extractableIocTypeSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type RespondConnection = z.infer<typeof respondConnectionSchema>;
export type FieldMappingRow = z.infer<typeof fieldMappingRowSchema>;
export type IncidentTemplate = z.infer<typeof incidentTemplateSchema>;
export type PageRoutes = z.infer<typeof pageRoutesSchema>;
export type ExtractionSettings = z.infer<typeof extractionSettingsSchema>;
export type RateLimits = z.infer<typeof rateLimitsSchema>;
export type OverlaySettings = z.infer<typeof overlaySettingsSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Product = 'ctix' | 'cftr';
