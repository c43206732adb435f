import { isApiError } from '../cyware/errors';
import { type ApiErrorView } from '../model/api-error';

/** An error as pages may see it: ApiErrors in their own words, anything else generically. */
export function toErrorView(error: unknown): ApiErrorView {
  if (isApiError(error)) return error.toView();
  return {
    kind: 'network',
    message: 'The request failed unexpectedly. Check the URL and try again.',
    retryable: true,
  };
}
