/**
 * How an incident is recorded on an Intel Exchange object: a tag named after its readable ID
 * (product.md §1), e.g. `CFTR INC1042`, so every analyst's "CFTR Incidents" list shows it.
 */

export const TAG_PREFIX = 'CFTR ';

export const tagNameFor = (readableId: string): string => `${TAG_PREFIX}${readableId}`;

/** The readable ID a tag names, or null for any other tag. */
export function readableIdOfTag(name: string): string | null {
  const match = /^CFTR\s+([A-Za-z]{0,10}-?\d{1,12})$/.exec(name.trim());
  return match?.[1] ?? null;
}
