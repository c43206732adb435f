/**
 * Shown in the popup, the options page and the badge's tooltip while the lock is closed.
 * Apart from ./lock-contract.ts (which re-exports it) so the pages need not load zod for it.
 */
export const LOCKED_TEXT = 'Locked — unlock to send';
