import * as z from 'zod/mini';

/**
 * Intel Exchange response shapes (cyware-api.md §4). Loose on purpose: extra fields pass through,
 * and every field we do not strictly need may be null or missing, because tenants differ and an
 * overlay that breaks on one unexpected null helps nobody. Only identifiers we act on are required.
 */

const epochOrIso = z.nullish(z.union([z.number(), z.string()]));
const text = z.nullish(z.string());

export const namedRefSchema = z.looseObject({
  id: z.nullish(z.union([z.string(), z.number()])),
  name: text,
});

const sharedObjectFields = {
  name: text,
  type: text,
  /** The IOC type for indicators in basic/ ("ipv4-addr"); may be the literal "value" in lists. */
  sub_type: text,
  ioc_type: text,
  confidence_score: z.nullish(z.number()),
  tlp: text,
  description: text,
  sources: z.nullish(z.array(z.extend(namedRefSchema, { source_type: text }))),
  tags: z.nullish(z.array(namedRefSchema)),
  created: epochOrIso,
  modified: epochOrIso,
  ctix_created: epochOrIso,
  ctix_modified: epochOrIso,
  valid_from: epochOrIso,
  valid_until: epochOrIso,
  is_false_positive: z.nullish(z.boolean()),
  is_whitelisted: z.nullish(z.boolean()),
  is_deprecated: z.nullish(z.boolean()),
};

/** `basic/`: the body has no id; the client adds the one from the path. */
export const ctixObjectBasicSchema = z.looseObject(sharedObjectFields);

/** A result of threat-data/list/ or of the bulk lookup. */
export const ctixListItemSchema = z.looseObject({ ...sharedObjectFields, id: z.string() });

export const ctixRelationSchema = z.looseObject({
  id: z.string(),
  relationship_type: text,
  target_ref: z.looseObject({
    id: z.string(),
    name: text,
    object_type: text,
    sub_type: text,
    tlp: text,
  }),
});

const iocTypeSchema = z.looseObject({ id: z.string(), name: text });
export const iocTypesResponseSchema = z.union([
  z.looseObject({ results: z.array(iocTypeSchema) }),
  z.array(iocTypeSchema),
]);

export const bulletinSchema = z.looseObject({
  id: z.string(),
  title: text,
  status: text,
  published: z.nullish(z.boolean()),
  published_on: epochOrIso,
  tlp: text,
  /** HTML. */
  description: text,
  /** The STIX report holding the bulletin's objects (INFERRED in cyware-api.md). */
  report_id: text,
  tags: z.nullish(z.array(z.union([namedRefSchema, z.string()]))),
});

export const canvasSchema = z.looseObject({ id: text, name: text, title: text });

export const canvasNodeSchema = z.looseObject({
  /** "indicator--<uuid>" for nodes. */
  id: z.string(),
  type: text,
  /** The label. */
  t: text,
  prop: z.nullish(
    z.looseObject({
      indicator_type: text,
      score: z.nullish(z.number()),
      tlp_data: z.optional(z.unknown()),
    }),
  ),
});
export const canvasNodesResponseSchema = z.union([
  z.looseObject({ results: z.array(canvasNodeSchema) }),
  z.array(canvasNodeSchema),
]);

export type CtixObjectBasic = z.infer<typeof ctixObjectBasicSchema>;
export type CtixObject = CtixObjectBasic & { id: string; type: string };
export type CtixListItem = z.infer<typeof ctixListItemSchema>;
export type CtixRelation = z.infer<typeof ctixRelationSchema>;
export type CtixIocType = { id: string; name: string };
export type CtixBulletin = z.infer<typeof bulletinSchema>;
export type CtixCanvas = z.infer<typeof canvasSchema> & { id: string; name: string | null };
export type CtixCanvasNode = z.infer<typeof canvasNodeSchema>;
