// `npm run sandbox [-- --port N] [--host H] [--contract alt] [--seed N] [--quiet]`
import { DEFAULT_PORT } from './config';
import { startSandbox } from './index';

interface CliArgs {
  port: number;
  host?: string;
  contract: 'default' | 'alt';
  seed?: number;
  log: boolean;
}

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  console.error(
    'usage: npm run sandbox -- [--port N] [--host H] [--contract default|alt] [--seed N] [--quiet]',
  );
  process.exit(2);
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

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const sandbox = await startSandbox(args);
  const { ctix, cftr } = sandbox.credentials;
  console.log(`Cyware sandbox (${sandbox.contract} contract) at ${sandbox.url}
  Intel Exchange base: ${sandbox.ctixBase}
    AccessID: ${ctix.accessId}
    Secret:   ${ctix.secret}
  Respond base:        ${sandbox.cftrBase}
    AccessID: ${cftr.accessId}
    Secret:   ${cftr.secret}
  Web UI: ${sandbox.url}/ctix/threatdata  ${sandbox.url}/cftr/incidents  Test pages: ${sandbox.url}/pages/
  Control: ${sandbox.url}/__sandbox/{faults,requests,incidents,reset,known}
Press Ctrl+C to stop.`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('sandbox: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
