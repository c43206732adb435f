// Resolved settings of one sandbox instance: options win over environment, environment over the
// documented defaults (which the CLI prints, so nobody has to guess them).
import type { Credential } from './signature';

export type Contract = 'default' | 'alt';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

export const DEFAULT_CREDENTIALS: { ctix: Credential; cftr: Credential } = {
  ctix: { accessId: 'ctix-sandbox-access-id', secret: 'ctix-sandbox-secret' },
  cftr: { accessId: 'cftr-sandbox-access-id', secret: 'cftr-sandbox-secret' },
};

export interface SandboxConfig {
  credentials: { ctix: Credential; cftr: Credential };
  contract: Contract;
  /** Milliseconds since the epoch; injectable so tests can pin the signature window. */
  clock: () => number;
  log: boolean;
}

function fromEnv(
  env: NodeJS.ProcessEnv,
  idVar: string,
  secretVar: string,
  fallback: Credential,
): Credential {
  return {
    accessId: env[idVar] || fallback.accessId,
    secret: env[secretVar] || fallback.secret,
  };
}

export function resolveCredentials(
  options: { ctix?: Credential; cftr?: Credential },
  env: NodeJS.ProcessEnv = process.env,
): { ctix: Credential; cftr: Credential } {
  return {
    ctix:
      options.ctix ??
      fromEnv(env, 'SANDBOX_CTIX_ACCESS_ID', 'SANDBOX_CTIX_SECRET', DEFAULT_CREDENTIALS.ctix),
    cftr:
      options.cftr ??
      fromEnv(env, 'SANDBOX_CFTR_ACCESS_ID', 'SANDBOX_CFTR_SECRET', DEFAULT_CREDENTIALS.cftr),
  };
}
