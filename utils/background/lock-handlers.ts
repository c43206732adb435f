import type { Handlers } from '../messaging/router';
import { HandlerError } from '../messaging/router';
import type { LockAttemptView } from '../messaging/lock-contract';
import { LockError, type AttemptResult, type SecretLock } from '../store/secret-lock';
import type { Services } from './services';

/**
 * The passphrase-lock messages (issue 13). Passphrases arrive here and go no further than the
 * lock; no answer carries one. After every change the clients drop their cached plaintext
 * secrets (a "Lock now" must stop signing at once), pages and the badge refresh, and an unlock
 * wakes the outbox so what queued while locked goes out.
 */
type LockServices = Pick<Services, 'lock' | 'clients' | 'changed' | 'kickOutbox'>;

/** A LockError is meant for the user; anything else stays generic (router). */
async function userFacing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof LockError) throw new HandlerError(error.message);
    throw error;
  }
}

async function after(s: LockServices, { kick = false } = {}): Promise<void> {
  s.clients.invalidate();
  await s.changed();
  if (kick) s.kickOutbox();
}

async function attemptView(lock: SecretLock, result: AttemptResult): Promise<LockAttemptView> {
  const state = await lock.state();
  return result.ok
    ? { ok: true, retryInMs: 0, state }
    : { ok: false, reason: result.reason, retryInMs: result.retryInMs, state };
}

export function lockHandlers(s: LockServices): Handlers {
  return {
    'lock.status': () => s.lock.state(),

    'lock.enable': ({ passphrase }) =>
      userFacing(async () => {
        const earlierSecrets = await s.lock.enable(passphrase);
        await after(s, { kick: true });
        return { ...(await s.lock.state()), earlierSecrets };
      }),

    'lock.unlock': ({ passphrase }) =>
      userFacing(async () => {
        const result = await s.lock.unlock(passphrase);
        if (result.ok) await after(s, { kick: true });
        return attemptView(s.lock, result);
      }),

    'lock.lock': () =>
      userFacing(async () => {
        await s.lock.lock();
        await after(s);
        return s.lock.state();
      }),

    'lock.change': ({ current, next }) =>
      userFacing(async () => {
        const result = await s.lock.change(current, next);
        if (result.ok) await after(s, { kick: true });
        return attemptView(s.lock, result);
      }),

    'lock.disable': ({ passphrase }) =>
      userFacing(async () => {
        const result = await s.lock.disable(passphrase);
        if (result.ok) await after(s, { kick: true });
        return attemptView(s.lock, result);
      }),

    'lock.reset': () =>
      userFacing(async () => {
        await s.lock.reset();
        await after(s);
        return s.lock.state();
      }),
  };
}
