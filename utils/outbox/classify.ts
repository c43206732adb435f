import { ApiError } from '../cyware/errors';
import { type ApiErrorView } from '../model/api-error';

/**
 * What a failed attempt means for the outbox:
 *  - retry: Respond refused before doing anything (429, access proxy): send again later.
 *  - unknown: the request may have been carried out (timeout, dropped connection, 5xx from a
 *    gateway, a 2xx we could not read): search Respond for it before sending again.
 *  - permanent: a person must change something (400 body, 401/403 credentials, not
 *    configured, expired): park it for a manual retry.
 */
export type Outcome = 'retry' | 'unknown' | 'permanent';

export interface Classified {
  outcome: Outcome;
  view: ApiErrorView;
  retryAfterSec?: number;
}

export function classifyFailure(error: unknown): Classified {
  if (error instanceof ApiError) {
    const view = error.toView();
    const extra = error.retryAfterSec === undefined ? {} : { retryAfterSec: error.retryAfterSec };
    switch (error.kind) {
      case 'rate-limited':
      case 'blocked-by-access-proxy':
      case 'locked': // refused before anything was signed: nothing can exist in Respond
        return { outcome: 'retry', view, ...extra };
      case 'timeout':
      case 'network':
      case 'server':
      case 'invalid-response':
        return { outcome: 'unknown', view, ...extra };
      default:
        return { outcome: error.retryable ? 'unknown' : 'permanent', view, ...extra };
    }
  }
  // Not from the API layer (a bug, an abort): we cannot tell whether the request went out.
  return {
    outcome: 'unknown',
    view: {
      kind: 'network',
      message: 'The request ended unexpectedly; it will be checked and retried.',
      detail: error instanceof Error ? error.message.slice(0, 500) : undefined,
      retryable: true,
    },
  };
}
