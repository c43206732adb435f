// Signing cost per request with Node's WebCrypto: a warm signer (key imported once and cached,
// as in the service worker) against a cold one (a new signer per request, so every request
// pays importKey). Run: npx tsx bench/sign.bench.ts
import { createSigner } from '../utils/cyware/sign';

const CRED = { accessId: 'ak-123', secret: 's3cr3t-key' };

const ROUNDS = 5;

/** Median of several rounds: the machine is shared, and one noisy round should not decide. */
async function measure(label: string, iterations: number, run: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(500, iterations); i += 1) await run(); // JIT warm-up
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const started = performance.now();
    for (let i = 0; i < iterations; i += 1) await run();
    rounds.push(((performance.now() - started) * 1000) / iterations);
  }
  rounds.sort((a, b) => a - b);
  const median = rounds[Math.floor(ROUNDS / 2)] ?? Number.NaN;
  const spread = `${(rounds[0] ?? 0).toFixed(1)}–${(rounds[ROUNDS - 1] ?? 0).toFixed(1)}`;
  console.log(
    `${label.padEnd(44)} ${median.toFixed(1).padStart(7)} µs/request  (median of ${ROUNDS} × ${iterations}; ${spread})`,
  );
  return median;
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, WebCrypto HMAC-SHA1, Expires = now + 20 s`);
  const warmSigner = createSigner();
  const warm = await measure('warm: cached key (HMAC only)', 20_000, () => warmSigner.sign(CRED));
  const cold = await measure('cold: new signer (import + HMAC)', 5_000, () =>
    createSigner().sign(CRED),
  );
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey(
    'raw',
    new TextEncoder().encode(CRED.secret),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const message = new TextEncoder().encode(`${CRED.accessId}\n1700000020`);
  await measure('floor: bare subtle.sign with a held key', 20_000, () =>
    subtle.sign('HMAC', key, message),
  );
  console.log(`cold / warm: ${(cold / warm).toFixed(1)}×`);
}

await main();
