import {
  UNKNOWN_OUTCOME_DISMISS_WARNING,
  UNKNOWN_OUTCOME_RESEND_WARNING,
  incidentIdsOf,
} from '../model/incident-words';
import type { HistoryItem } from '../model/incident';
import { relativeTime } from '../format/time';
import { exactTimeFast } from './exact-time';
import { sourceKindInfo, sourceLabel, type SourceIconName } from './source-view';

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'muted';

/** Everything a history row draws, decided here so the component only lays it out. */
export interface RowView {
  id: string;
  /** Respond's readable ID, or null until the incident exists there. */
  readableId: string | null;
  title: string;
  sourceIcon: SourceIconName;
  sourceKindLabel: string;
  sourceLabel: string;
  /** The page or object URL, for the source's tooltip. */
  sourceUrl: string;
  timeText: string;
  timeExact: string;
  iocText: string;
  stateText: string;
  stateTone: Tone;
  /** Why it failed (or why it is waiting to retry), in the background's words. */
  reason: string | null;
  /** The server's own answer (e.g. a 400's field errors), for the details disclosure. */
  reasonDetail: string | null;
  /** Where a click goes; null while there is nothing in Respond to open. */
  link: string | null;
  canCopy: boolean;
  canRetry: boolean;
  canDismiss: boolean;
  /** An attempt may have created it in Respond: Dismiss asks first (and says so). */
  dismissNeedsConfirm: boolean;
  /** Outcome unknown and not proven absent: the analyst may send it again, after a confirm. */
  canResend: boolean;
}

/** What the popup says before sending an incident of unknown outcome again. */
export const UNKNOWN_RESEND_WARNING = UNKNOWN_OUTCOME_RESEND_WARNING;

/** Said while the outbox cannot tell whether an attempt created the incident. */
export const NOT_SURE_TEXT = 'Not sure it was created; checking';

/** What the popup says before dismissing an incident whose outcome is unknown. */
export const UNKNOWN_DISMISS_WARNING = UNKNOWN_OUTCOME_DISMISS_WARNING;

export function iocCountText(count: number): string {
  if (count === 0) return 'No IOCs';
  return count === 1 ? '1 IOC' : `${count} IOCs`;
}

const STATE_WORDS: Record<HistoryItem['state'], { text: string; tone: Tone }> = {
  created: { text: 'Created', tone: 'ok' },
  queued: { text: 'Queued', tone: 'info' },
  sending: { text: 'Sending…', tone: 'info' },
  failed: { text: 'Failed', tone: 'danger' },
};

function duplicateReason(item: HistoryItem): string {
  const ids = incidentIdsOf(item);
  return `Respond has ${ids.length} incidents for this request: ${ids.join(' and ')}. The network sent it twice; close one of them in Respond.`;
}

function stateOf(item: HistoryItem): { text: string; tone: Tone; reason: string | null } {
  const base = STATE_WORDS[item.state];
  if (item.state === 'created' && item.duplicates && item.duplicates.length > 0) {
    return { text: 'Created twice', tone: 'warn', reason: duplicateReason(item) };
  }
  if ((item.state === 'queued' || item.state === 'sending') && item.outcomeUnknown) {
    return { text: NOT_SURE_TEXT, tone: 'warn', reason: item.error?.message ?? null };
  }
  if (item.state === 'failed') {
    return { ...base, reason: item.error?.message ?? 'Respond did not accept this incident.' };
  }
  if (item.state === 'queued' && item.error) {
    // Queued after a failed attempt: the outbox retries by itself, but say why it waits.
    return { text: 'Queued, will retry', tone: 'warn', reason: item.error.message };
  }
  return { ...base, reason: null };
}

export function rowView(item: HistoryItem, now: number): RowView {
  const kind = sourceKindInfo(item.source.kind);
  const state = stateOf(item);
  const detail = item.error?.detail?.trim();
  return {
    id: item.id,
    readableId: item.readableId ?? null,
    title: item.title,
    sourceIcon: kind.icon,
    sourceKindLabel: kind.label,
    sourceLabel: sourceLabel(item.source),
    sourceUrl: item.source.url,
    timeText: relativeTime(item.createdAt, now),
    timeExact: exactTimeFast(item.createdAt),
    iocText: iocCountText(item.iocCount),
    stateText: state.text,
    stateTone: state.tone,
    reason: state.reason,
    reasonDetail: state.reason && detail ? detail : null,
    link: item.state === 'created' && item.link ? item.link : null,
    canCopy: item.readableId !== undefined && item.readableId.length > 0,
    canRetry: item.state === 'failed',
    // A queued item of unknown outcome may wait a long time for a search that can prove
    // anything: it can be dismissed too (after the confirm step).
    canDismiss:
      item.state === 'failed' || (item.state === 'queued' && item.outcomeUnknown === true),
    dismissNeedsConfirm: item.outcomeUnknown === true,
    canResend: item.outcomeUnknown === true && (item.state === 'queued' || item.state === 'failed'),
  };
}
