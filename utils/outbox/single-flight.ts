/**
 * Run `task` so that calls never overlap: a call while it runs asks for one more pass after
 * the current one and shares its promise. Wake-ups (enqueue, alarm, online, startup) may
 * arrive together; only one pass at a time ever reads the outbox.
 */
export function singleFlight(task: () => Promise<void>): () => Promise<void> {
  let active: Promise<void> | null = null;
  let again = false;
  return () => {
    if (active) {
      again = true;
      return active;
    }
    active = (async () => {
      try {
        do {
          again = false;
          await task();
        } while (again);
      } finally {
        active = null;
      }
    })();
    return active;
  };
}

type LockManagerLike = {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
};

/**
 * A Web Lock around `task` where the platform has one (service workers do), so even two
 * copies of the runner in different contexts cannot send at once; a no-op elsewhere.
 */
export function withWebLock(
  name: string,
  task: () => Promise<void>,
  locks: LockManagerLike | undefined = (globalThis as { navigator?: { locks?: LockManagerLike } })
    .navigator?.locks,
): () => Promise<void> {
  if (!locks) return task;
  return () => locks.request(name, task);
}
