import type { ApiErrorKind, ApiErrorView } from '../model/api-error';
import type { ResponseOf } from '../messaging/contract';

/**
 * "Test connection" results in words (product.md §1). The headline names the cause in a few
 * words; the message is the background's own explanation (already written for people and
 * free of secrets); the detail is the server's answer verbatim, for the tenant admin.
 */

export type Tone = 'ok' | 'warn' | 'error';

export interface Outcome {
  tone: Tone;
  headline: string;
  message: string;
  detail?: string;
}

export const ERROR_HEADLINES: Record<ApiErrorKind, string> = {
  auth: 'Wrong credentials',
  'skew-or-forbidden': 'Clock skew or missing permission',
  'blocked-by-access-proxy': 'Blocked by an access proxy',
  'wrong-base-url': 'Wrong base URL',
  'bad-request': 'Request refused',
  'rate-limited': 'Rate limited',
  server: 'Server error',
  network: 'Unreachable',
  timeout: 'No answer in time',
  'invalid-response': 'Unexpected answer',
  'not-configured': 'Not configured',
  'credentials-expired': 'Credentials expired',
  'permission-missing': 'Browser access missing',
  locked: 'Locked',
};

export function formatLatency(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function describeError(error: ApiErrorView): Outcome {
  return {
    tone: error.kind === 'rate-limited' ? 'warn' : 'error',
    headline: ERROR_HEADLINES[error.kind],
    message: error.message,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
  };
}

export function describeTestResult(result: ResponseOf<'connection.test'>): Outcome {
  const latency = formatLatency(result.latencyMs);
  if (result.ok) {
    return {
      tone: 'ok',
      headline: `OK in ${latency}`,
      message: 'The tenant answered and accepted the API key.',
    };
  }
  const error: ApiErrorView = result.error ?? {
    kind: 'network',
    message: 'The test failed without a reason.',
    retryable: true,
  };
  const outcome = describeError(error);
  return { ...outcome, message: `${outcome.message} (after ${latency})` };
}

/** Before testing: the browser has not granted access to the origin, so the call cannot work. */
export function missingAccessOutcome(origin: string): Outcome {
  return {
    tone: 'error',
    headline: ERROR_HEADLINES['permission-missing'],
    message: `The browser has not given this extension access to ${origin}. Grant it, then test again.`,
  };
}
