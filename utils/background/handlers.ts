import type { Handlers } from '../messaging/router';
import { connectionHandlers } from './connection-handlers';
import { historyHandlers, type CreateHook } from './history-handlers';
import { lockHandlers } from './lock-handlers';
import type { Services } from './services';
import { settingsHandlers } from './settings-handlers';

/** Every core message handler; flows (review.*, flow.startPage) are composed in beside them. */
export function createCoreHandlers(
  s: Services,
  hooks: { beforeCreate?: CreateHook } = {},
): Handlers {
  return {
    ...settingsHandlers(s),
    ...connectionHandlers(s),
    ...historyHandlers(s, hooks.beforeCreate),
    ...lockHandlers(s),
  };
}
