import { TemplateError } from '../cyware/template';
import { UNKNOWN_OUTCOME_DISMISS_WARNING } from '../model/incident';
import {
  HandlerError,
  type HandlerContext,
  type Handlers,
  type ParsedRequest,
} from '../messaging/router';
import { prepareCreate } from '../outbox/prepare';
import { toHistoryItem } from '../store/history';
import type { PreparedCreate } from '../store/records';
import type { Services } from './services';

function templateProblem(error: unknown): never {
  if (error instanceof TemplateError) {
    throw new HandlerError(
      `The incident template in the settings is invalid (line ${error.line}): ${error.message}`,
    );
  }
  throw error;
}

export const UNKNOWN_OUTCOME_REFUSAL = `${UNKNOWN_OUTCOME_DISMISS_WARNING} Confirm to dismiss it.`;

/**
 * Told of every incident.create before the core takes it: the review module links the request
 * to its review there, and may refuse it (throw HandlerError) for a sender it does not trust.
 */
export type CreateHook = (
  payload: ParsedRequest<'incident.create'>,
  ctx: HandlerContext,
) => Promise<void>;

export function historyHandlers(s: Services, beforeCreate?: CreateHook): Handlers {
  return {
    async 'history.list'({ query, offset, limit }) {
      const { items, total } = await s.history.list(query, offset, limit);
      return { items: items.map(toHistoryItem), total };
    },

    async 'history.retry'({ id }) {
      const row = await s.history.get(id);
      if (!row) throw new HandlerError('This incident is no longer in the history.');
      if (row.state === 'created') throw new HandlerError('This incident was already created.');
      const item = await s.outbox.get(id);
      if (!item) throw new HandlerError('This incident can no longer be retried.');
      // A failed item was refused by Respond or never sent (not configured): nothing exists
      // under its Bridge-Ref unless reconciliation finds it first, which it still does. So a
      // manual retry renders again from today's settings and picks up the admin's fix.
      let prepared: PreparedCreate | undefined;
      if (row.state === 'failed') {
        const { settings } = await s.settings.getEffective();
        try {
          prepared = prepareCreate(item.request, settings);
        } catch (error) {
          templateProblem(error);
        }
      }
      const requeued = await s.outbox.requeue(id, prepared);
      if (!requeued) throw new HandlerError('This incident can no longer be retried.');
      await s.changed();
      s.kickOutbox();
      return toHistoryItem(requeued);
    },

    async 'history.dismiss'({ id, confirmUnknownOutcome }) {
      const result = await s.outbox.dismiss(id, { confirmUnknownOutcome });
      if (result === 'needs-confirmation') throw new HandlerError(UNKNOWN_OUTCOME_REFUSAL);
      if (result === 'removed') await s.changed();
      return { removed: result === 'removed' };
    },

    async 'outbox.resend'({ id }) {
      const row = await s.history.get(id);
      if (!row) throw new HandlerError('This incident is no longer in the history.');
      if (row.state === 'created') throw new HandlerError('This incident was already created.');
      const requeued = await s.outbox.forceResend(id);
      if (!requeued) throw new HandlerError('This incident can no longer be sent again.');
      await s.changed();
      s.kickOutbox();
      return toHistoryItem(requeued);
    },

    async 'history.duplicates'({ iocValues, ctixObjectIds }) {
      return { matches: await s.history.duplicates(iocValues, ctixObjectIds) };
    },

    async 'history.forObject'({ ctixObjectId }) {
      return { items: (await s.history.forObject(ctixObjectId)).map(toHistoryItem) };
    },

    async 'incident.create'(payload, ctx) {
      await beforeCreate?.(payload, ctx);
      const { incident } = payload;
      // The same click delivered twice (a retried message, a double submit) is one incident.
      const existing = await s.history.get(incident.requestId);
      if (existing) return toHistoryItem(existing);
      const { settings } = await s.settings.getEffective();
      let prepared: PreparedCreate;
      try {
        prepared = prepareCreate(incident, settings);
      } catch (error) {
        templateProblem(error);
      }
      // Persisted (outbox + history, one transaction) before anything is sent.
      const { record, isNew } = await s.outbox.enqueue(incident, prepared);
      if (isNew) {
        await s.changed();
        s.kickOutbox();
      }
      return toHistoryItem(record);
    },

    async 'incident.get'({ id }) {
      const row = await s.history.get(id);
      return { item: row ? toHistoryItem(row) : null };
    },
  };
}
