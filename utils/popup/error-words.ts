import { MessageError } from '../messaging/client';

/**
 * A failed request in words for the popup. The background's messages are already written for
 * people; only the codes that mean "this part of the extension is missing" get a sentence
 * of their own, and anything that is not ours gets a generic one.
 */
export function errorWords(error: unknown, action: string): string {
  if (error instanceof MessageError) {
    if (error.code === 'unknown-type') {
      return `${action} is not available in this version of the extension yet.`;
    }
    if (error.code === 'bad-response') {
      return `${action} failed: the extension background did not answer. Try again.`;
    }
    return error.message;
  }
  if (error instanceof Error && error.message) return `${action} failed: ${error.message}`;
  return `${action} failed.`;
}
