// `npm run sandbox [-- --port N] [--host H] [--contract alt] [--seed N] [--quiet]`
import { CliError, parseArgs, USAGE, type CliArgs } from './cli-args';
import { startSandbox } from './index';

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(`sandbox: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
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
