import type { MessageResult } from '../messaging/contract';
import type { SenderLike } from '../messaging/router';
import type { BackgroundApp } from './app';

/**
 * E2E-only controls, compiled in only when VITE_E2E=1 (entrypoints/background.ts). They let a
 * test hold the outbox between enqueue and send, and shorten how long a restarted worker waits
 * before searching for an interrupted request. Nothing here can read a secret.
 */
export interface BridgeTestHooks {
  pauseOutbox(on: boolean): void;
  runOutbox(): Promise<void>;
  /** Items waiting or failed in the outbox. */
  outboxCount(): Promise<number>;
  outboxItems(): Promise<
    { id: string; attempts: number; inFlight: boolean; parked: boolean; needsReconcile: boolean }[]
  >;
  /** Survives worker restarts (storage.session) until the browser closes. */
  setSettleMs(ms: number): Promise<void>;
  /** The router's decision for a forged sender (sender checks without a second extension). */
  route(message: unknown, sender: SenderLike): Promise<MessageResult | null>;
}

export interface SessionAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const SETTLE_KEY = 'e2e.outboxSettleMs';

export async function installTestHooks(
  app: BackgroundApp,
  session: SessionAreaLike,
): Promise<void> {
  const stored = (await session.get(SETTLE_KEY))[SETTLE_KEY];
  if (typeof stored === 'number') app.timing.settleMs = stored;
  const hooks: BridgeTestHooks = {
    pauseOutbox: (on) => app.runner.setPaused(on),
    runOutbox: () => app.runner.run(),
    async outboxCount() {
      const { queued, failed } = await app.services.outbox.counts();
      return queued + failed;
    },
    async outboxItems() {
      const items = await app.services.outbox.all();
      return items.map((i) => ({
        id: i.id,
        attempts: i.attempts,
        inFlight: i.inFlight !== undefined,
        parked: i.parked,
        needsReconcile: i.needsReconcile,
      }));
    },
    async setSettleMs(ms) {
      app.timing.settleMs = ms;
      await session.set({ [SETTLE_KEY]: ms });
    },
    route: (message, sender) => app.router.handle(message, sender),
  };
  Object.assign(globalThis, { __bridgeTest: hooks });
}
