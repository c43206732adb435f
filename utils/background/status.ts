import type { ConnectionStatus, Status } from '../model/views';
import type { Product } from '../settings/schema';
import { expiryOf } from './expiry';
import type { Services } from './services';

type StatusDeps = Pick<Services, 'now' | 'settings' | 'secrets' | 'statusStore' | 'outbox'>;

export async function buildStatus(s: StatusDeps): Promise<Status> {
  const { settings } = await s.settings.getEffective();
  const one = async (product: Product): Promise<ConnectionStatus> => {
    const conn = settings[product];
    const [secret, stored] = await Promise.all([
      s.secrets.status(product),
      s.statusStore.get(product),
    ]);
    return {
      configured: Boolean(conn.baseUrl && conn.accessId && secret.set),
      expiresOn: conn.expiresOn,
      ...expiryOf(conn.expiresOn, s.now()),
      ...(stored.lastTest ? { lastTest: stored.lastTest } : {}),
    };
  };
  const [ctix, cftr, counts] = await Promise.all([one('ctix'), one('cftr'), s.outbox.counts()]);
  return { ctix, cftr, ...counts };
}
