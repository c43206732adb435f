/**
 * How the background talks to the in-page dialog without a new message type: it runs a tiny
 * function in the extension's isolated world (scripting.executeScript), which calls a hook the
 * dialog's content script left on that world's global. Page scripts live in another world and
 * can neither see nor call the hook.
 */

/** Global (isolated world) the mounted dialog sets; see entrypoints/review-dialog.content. */
export const DIALOG_HOOK = '__cftrReviewDialog';

/** Path of the built content script (WXT: content-scripts/<entrypoint name>.js). */
export const DIALOG_SCRIPT = 'content-scripts/review-dialog.js';

export type DialogPush =
  /** Loading-screen text while a big page is read and searched. */
  | { type: 'progress'; reviewId: string; text: string }
  /** The draft is stored: ask for it now instead of at the next poll. */
  | { type: 'ready'; reviewId: string };

export interface DialogHook {
  push(message: DialogPush): void;
  /** The review this dialog is showing, or null when it has none (yet). */
  showing(): string | null;
}

/** Runs in the page (isolated world): self-contained, see utils/flows/page-scripts.ts. */
export function pushToDialogInPage(hookName: string, message: DialogPush): boolean {
  const hook = (globalThis as unknown as Record<string, DialogHook | undefined>)[hookName];
  if (!hook || typeof hook.push !== 'function') return false;
  hook.push(message);
  return true;
}

/** Runs in the page (isolated world): which review the mounted dialog shows, if any. */
export function dialogShowingInPage(hookName: string): string | null {
  const hook = (globalThis as unknown as Record<string, DialogHook | undefined>)[hookName];
  return hook && typeof hook.showing === 'function' ? hook.showing() : null;
}
