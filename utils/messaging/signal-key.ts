/**
 * storage.local key bumped by the background whenever history/outbox/status changes. Pages and
 * the overlay listen to storage.onChanged for it and re-ask. Its own module: the overlay
 * content script reads it without loading the contract (and zod).
 */
export const CHANGE_SIGNAL_KEY = 'bridge.revision';
