// Command-line parsing for `npm run sandbox`, separate from cli.ts so it can be tested without
// starting a server.
import { DEFAULT_PORT } from './config';

export const USAGE =
  'usage: npm run sandbox -- [--port N] [--host H] [--contract default|alt] [--seed N] [--quiet]';

export class CliError extends Error {}

export interface CliArgs {
  port: number;
  host?: string;
  contract: 'default' | 'alt';
  seed?: number;
  log: boolean;
}

function fail(message: string): never {
  throw new CliError(message);
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { port: DEFAULT_PORT, contract: 'default', log: true };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const [flag, inline] = raw.includes('=')
      ? (raw.split(/=(.*)/s) as [string, string])
      : [raw, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0..65535');
        args.port = port;
        break;
      }
      case '--host':
        args.host = value();
        break;
      case '--contract': {
        const c = value();
        if (c !== 'default' && c !== 'alt') fail('--contract must be default or alt');
        args.contract = c;
        break;
      }
      case '--seed': {
        const seed = Number(value());
        if (!Number.isInteger(seed)) fail('--seed must be an integer');
        args.seed = seed;
        break;
      }
      case '--quiet':
        args.log = false;
        break;
      default:
        fail(`unknown argument ${raw}`);
    }
  }
  return args;
}
