import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CliError, parseArgs } from '../../../sandbox/cli-args';
import { specSign } from './helpers';

describe('parseArgs', () => {
  it('defaults to port 8787, the default contract and logging', () => {
    expect(parseArgs([])).toEqual({ port: 8787, contract: 'default', log: true });
  });

  it('reads flags with a space or =', () => {
    expect(
      parseArgs(['--port', '9000', '--contract=alt', '--host', '0.0.0.0', '--seed=4', '--quiet']),
    ).toEqual({
      port: 9000,
      contract: 'alt',
      host: '0.0.0.0',
      seed: 4,
      log: false,
    });
  });

  it.each([['--port', 'x'], ['--port', '70000'], ['--contract', 'beta'], ['--bogus'], ['--port']])(
    'rejects %s %s',
    (...argv) => {
      expect(() => parseArgs(argv)).toThrow(CliError);
    },
  );
});

describe('npm run sandbox', () => {
  it('prints URL, bases and credentials, serves, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--contract', 'alt', '--quiet'],
      {
        env: {
          ...process.env,
          SANDBOX_CTIX_ACCESS_ID: 'cli-ïd',
          SANDBOX_CTIX_SECRET: 'cli-secret',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('Press Ctrl+C')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
      });
      const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] as string;
      expect(out).toContain('(alt contract)');
      expect(out).toContain(`${url}/ctixapi/`);
      expect(out).toContain(`${url}/cftrapi/openapi/`);
      expect(out).toContain('cli-ïd');
      expect(out).toContain('cli-secret');
      expect(out).toContain('cftr-sandbox-access-id');
      const expires = Math.floor(Date.now() / 1000) + 20;
      const q = new URLSearchParams({
        AccessID: 'cli-ïd',
        Expires: String(expires),
        Signature: specSign('cli-ïd', 'cli-secret', expires),
      });
      expect((await fetch(`${url}/ctixapi/ping/?${q.toString()}`)).status).toBe(200);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
