import type { ReviewDraft } from '../model/review';
import { CTIX_TYPE_OF_EXTRACTED } from '../settings/ctix-types';
import type { ExtractableIocType, FieldMappingRow } from '../settings/schema';

/**
 * The Respond field(s) each extracted type fills, the way the outbox will render it
 * (buildThreatIntel: extracted type → Intel Exchange type → every mapping row listing it).
 * `respondField: null` = not mapped: the dialog says so and never sends such an IOC.
 */
export function mappingForTypes(
  types: Iterable<ExtractableIocType>,
  rows: readonly FieldMappingRow[],
): ReviewDraft['mapping'] {
  const out: ReviewDraft['mapping'] = {};
  for (const type of types) {
    if (Object.hasOwn(out, type)) continue;
    const ctixType = CTIX_TYPE_OF_EXTRACTED[type];
    const fields = rows
      .filter((row) => row.ctixTypes.some((t) => t.toLowerCase() === ctixType.toLowerCase()))
      .map((row) => row.respondField);
    out[type] = {
      ctixType,
      respondField: fields.length > 0 ? [...new Set(fields)].join(', ') : null,
    };
  }
  return out;
}
