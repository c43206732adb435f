import * as z from 'zod/mini';

/**
 * Schemas of the passphrase-lock messages (issue 13; the entries are in ./contract.ts under
 * "secret lock"). A passphrase only ever travels page → worker; no answer carries it, nor any
 * key material.
 */

export { LOCKED_TEXT } from './lock-text';

export const lockStateSchema = z.object({
  /** off = no lock; setup-required = admin policy requires one and none is set. */
  status: z.enum(['off', 'unlocked', 'locked', 'setup-required']),
  required: z.boolean(),
  /** Wait this long before the next passphrase attempt (0 = now). */
  retryInMs: z.number().check(z.minimum(0)),
  iterations: z.optional(z.int()),
  since: z.optional(z.number()),
  /**
   * Only in the answer to lock.enable: how many secret keys were already stored. Older copies
   * of those may stay readable in the profile's files (README "Security"): rotate them.
   */
  earlierSecrets: z.optional(z.int().check(z.minimum(0))),
});

export const passphraseSchema = z.string().check(z.minLength(1), z.maxLength(1024));

/** The answer to a passphrase attempt (unlock, change, turn off). */
export const lockAttemptSchema = z.object({
  ok: z.boolean(),
  reason: z.optional(z.enum(['wrong-passphrase', 'rate-limited'])),
  retryInMs: z.number().check(z.minimum(0)),
  state: lockStateSchema,
});

export type LockStateView = z.infer<typeof lockStateSchema>;
export type LockAttemptView = z.infer<typeof lockAttemptSchema>;
