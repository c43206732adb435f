import { createCtixClient, type CtixClient } from '../cyware/ctix-client';
import type { ConnectionConfig, FetchLike } from '../cyware/http';
import { createTokenBucket, type TokenBucket } from '../cyware/rate-limit';
import { createRespondClient, type RespondClient } from '../cyware/respond-client';
import type { Product, RateLimits } from '../settings/schema';
import type { SecretStore } from '../store/secrets';
import { originOf } from '../store/secrets';
import type { SettingsStore } from '../store/settings-store';

/**
 * The two API clients, built once per worker. Their config comes from the effective settings
 * and the decrypted secret, read on demand and cached until settings or policy change, so a
 * burst of calls does not decrypt the key for every request. The plaintext lives only in this
 * closure and in the signer.
 */
export interface CywareClients {
  ctix: CtixClient;
  respond: RespondClient;
  getConfig(product: Product): Promise<ConnectionConfig | null>;
  /** Settings, secrets or policy changed: read them again on the next call. */
  invalidate(): void;
  setRates(limits: RateLimits): void;
  rates(): RateLimits;
}

export interface CywareClientsDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  fetch?: FetchLike;
  now?: () => number;
  /** Per request; the outbox passes its own for creates. */
  timeoutMs?: number;
  /** browser.permissions.contains for one match pattern; checked before every signed request. */
  hasHostPermission?: (pattern: string) => Promise<boolean>;
}

export function createCywareClients(deps: CywareClientsDeps): CywareClients {
  const cache = new Map<Product, Promise<ConnectionConfig | null>>();

  async function load(product: Product): Promise<ConnectionConfig | null> {
    const { settings } = await deps.settings.getEffective();
    const conn = settings[product];
    if (!conn.baseUrl || !conn.accessId) return null;
    const origin = originOf(conn.baseUrl);
    if (!origin) return null;
    // Only a secret saved for this very origin; one saved for another host is never used.
    const secret = await deps.secrets.get(product, origin);
    if (!secret) return null;
    return {
      baseUrl: conn.baseUrl,
      accessId: conn.accessId,
      secret,
      expiresOn: conn.expiresOn,
      secretOrigin: origin,
    };
  }

  function getConfig(product: Product): Promise<ConnectionConfig | null> {
    let pending = cache.get(product);
    if (!pending) {
      pending = load(product);
      cache.set(product, pending);
      // A failed read (IndexedDB hiccup) must not stick.
      pending.catch(() => cache.delete(product));
    }
    return pending;
  }

  const limiters: Record<Product, TokenBucket> = {
    ctix: createTokenBucket({ perMinute: 90 }),
    cftr: createTokenBucket({ perMinute: 90 }),
  };
  const common = {
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    ...(deps.hasHostPermission ? { hasHostPermission: deps.hasHostPermission } : {}),
  };

  return {
    ctix: createCtixClient({
      getConfig: () => getConfig('ctix'),
      limiter: limiters.ctix,
      ...common,
    }),
    respond: createRespondClient({
      getConfig: () => getConfig('cftr'),
      limiter: limiters.cftr,
      ...common,
    }),
    getConfig,
    invalidate() {
      cache.clear();
    },
    rates() {
      return { ctixPerMinute: limiters.ctix.perMinute, cftrPerMinute: limiters.cftr.perMinute };
    },
    setRates(limits) {
      limiters.ctix.setRate(limits.ctixPerMinute);
      limiters.cftr.setRate(limits.cftrPerMinute);
    },
  };
}
