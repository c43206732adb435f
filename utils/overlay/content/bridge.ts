import type { MessageResult, MessageType, RequestOf, ResponseOf } from '../../messaging/contract';

/**
 * The overlay's messages to the worker, typed by the contract but without loading it: the
 * contract (and zod) would triple the script every Intel Exchange page pays for. The worker
 * validates every request; its answers are ours.
 */
export type Send = <T extends MessageType>(
  type: T,
  payload: RequestOf<T>,
) => Promise<ResponseOf<T>>;

export function createBridge(sendMessage: (message: unknown) => Promise<unknown>): Send {
  return async (type, payload) => {
    const result = (await sendMessage({ channel: 'cftr-bridge', type, payload })) as
      MessageResult | undefined;
    if (!result || typeof result !== 'object' || !('ok' in result)) {
      throw new Error('The extension did not answer.');
    }
    if (!result.ok) throw new Error(result.error.message);
    return result.data as ResponseOf<typeof type>;
  };
}
