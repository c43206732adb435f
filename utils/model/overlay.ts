import * as z from 'zod/mini';
import { pageRoutesSchema } from '../settings/schema';

// What the Intel Exchange overlay and the worker exchange about threat data objects.

/** A threat data object as its page route names it (type and ID from the URL). */
export const ctixObjectRefSchema = z.object({
  type: z
    .string()
    .check(
      z.regex(
        /^[a-z][a-z0-9-]{0,63}$/,
        'an Intel Exchange object type such as indicator or report',
      ),
    ),
  id: z.string().check(z.regex(/^[\w.:-]{1,128}$/, 'an Intel Exchange object ID')),
});

/** What the content script needs to decorate pages; nothing else of the settings. */
export const overlayConfigSchema = z.discriminatedUnion('enabled', [
  z.object({ enabled: z.literal(false) }),
  z.object({
    enabled: z.literal(true),
    routes: pageRoutesSchema,
    actionLabel: z.string(),
    bulkLimit: z.int(),
  }),
]);

/** One incident raised from an object: from this browser's history, or an Intel Exchange tag. */
export const objectIncidentSchema = z.object({
  readableId: z.string(),
  link: z.optional(z.string()),
  /** Incident title (local history only; a tag has only the readable ID). */
  title: z.optional(z.string()),
  createdAt: z.optional(z.number()),
  from: z.enum(['history', 'tag']),
  /** The tag on Intel Exchange could not be written yet (it is retried). */
  warning: z.optional(z.string()),
});

export type CtixObjectRef = z.infer<typeof ctixObjectRefSchema>;
export type OverlayConfig = z.infer<typeof overlayConfigSchema>;
export type ObjectIncident = z.infer<typeof objectIncidentSchema>;
