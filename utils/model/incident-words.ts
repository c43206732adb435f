import type { HistoryItem } from './incident';

/**
 * What the popup says about incidents and reads from them, apart from ./incident.ts (which
 * re-exports it) so the popup does not load zod for a sentence.
 */

/** Said before an incident of unknown outcome is dismissed (popup, and the worker's refusal). */
export const UNKNOWN_OUTCOME_DISMISS_WARNING =
  'This incident may already exist in Respond; dismissing forgets it here but does not delete it there.';

/** Said before an incident of unknown outcome is sent again without proof it is absent. */
export const UNKNOWN_OUTCOME_RESEND_WARNING =
  'Send again only if you checked that Respond does not have this incident: if it does, sending again creates a second one.';

/** This row's incident and the duplicates found with its Bridge-Ref, readable IDs first. */
export function incidentIdsOf(item: HistoryItem): string[] {
  const own = item.readableId ?? item.apiId;
  const others = (item.duplicates ?? []).map((d) => d.readableId ?? d.apiId);
  return own === undefined ? others : [own, ...others];
}
