// Cost of one unlock of the passphrase lock (issue 13): PBKDF2-SHA-256 with the real iteration
// count, then unwrapping the secret key, with Node's WebCrypto (the browser's worker uses the
// same BoringSSL/OpenSSL-class code; tests/e2e/secret-lock.e2e.ts prints the in-Chromium time).
// Also what that costs an offline guesser per passphrase on one core. Run: npx tsx bench/unlock.bench.ts
import 'fake-indexeddb/auto';
import { createDbOpener } from '../utils/store/db';
import { LOCK_RECORD_ID } from '../utils/store/secret-keys';
import { createSecretLock, PBKDF2_ITERATIONS, unwrapSecretKey } from '../utils/store/secret-lock';
import { memorySessionArea } from '../utils/store/session-area';
import type { LockRecord } from '../utils/store/records';

const ROUNDS = 5;
const PASS = 'bench passphrase 42';

async function main(): Promise<void> {
  const getDb = createDbOpener('bench-unlock');
  const lock = createSecretLock({ getDb, session: memorySessionArea() });
  let started = performance.now();
  await lock.enable(PASS);
  const enableMs = performance.now() - started;
  const record = (await (await getDb()).get('keys', LOCK_RECORD_ID)) as LockRecord;

  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    started = performance.now();
    await unwrapSecretKey(crypto.subtle, record, PASS);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(ROUNDS / 2)] ?? Number.NaN;

  started = performance.now();
  await lock.lock();
  const wrong = await lock.unlock('not it');
  const wrongMs = performance.now() - started;

  console.log(
    `Node ${process.version}, PBKDF2-SHA-256 × ${PBKDF2_ITERATIONS.toLocaleString('en')}`,
  );
  console.log(`turn the lock on (derive + wrap + re-encrypt):   ${enableMs.toFixed(0)} ms`);
  console.log(
    `one unlock (derive + unwrap), median of ${ROUNDS}:     ${median.toFixed(0)} ms  (${(times[0] ?? 0).toFixed(0)}–${(times[ROUNDS - 1] ?? 0).toFixed(0)})`,
  );
  console.log(
    `a wrong passphrase through the lock:             ${wrongMs.toFixed(0)} ms (${JSON.stringify(wrong)})`,
  );
  console.log(
    `offline guessing, one core:                      ~${(1000 / median).toFixed(1)} passphrases/s`,
  );
}

void main();
