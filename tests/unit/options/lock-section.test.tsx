// @vitest-environment happy-dom
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/index';
import { LockBanner, LockSection } from '../../../components/options/LockSection';
import { LockNotice } from '../../../components/popup/LockNotice';
import { MessengerProvider } from '../../../components/shared/messenger-context';
import { createMessenger } from '../../../utils/messaging/client';
import { makeApp, PAGE, startTestSandbox } from '../background/harness';

/**
 * The lock UI over the REAL background (router, handlers, lock, fake-indexeddb): what the
 * user types reaches the worker, and what the page shows is what the worker says.
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

const roots: Root[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) r.unmount();
  document.body.replaceChildren();
});

function render(t: ReturnType<typeof makeApp>, node: React.ReactNode) {
  const messenger = createMessenger((m) => t.app.router.handle(m, PAGE));
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  roots.push(root);
  root.render(
    <StrictMode>
      <MessengerProvider messenger={messenger}>{node}</MessengerProvider>
    </StrictMode>,
  );
  return container;
}

const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);

function type(selector: string, value: string) {
  const input = $<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
}

/** Steps that run PBKDF2 × 600,000 in the worker: slow when the 2 cores are busy with other tests. */
const SLOW = { timeout: 20_000 };

/** A real user cannot click a disabled button either: wait until the last action finished. */
async function click(selector: string) {
  await expect.poll(() => $<HTMLButtonElement>(selector)?.disabled, SLOW).toBe(false);
  $<HTMLButtonElement>(selector)!.click();
}

const PASS = 'teal-lantern-77';

describe('lock UI', { timeout: 60_000 }, () => {
  it('options: turn on, lock now, a wrong then the right passphrase; the passphrase never stays in the DOM', async () => {
    const t = makeApp(sandbox);
    const c = render(
      t,
      <>
        <LockBanner />
        <LockSection />
      </>,
    );
    await expect
      .poll(() => $('[data-lock-status]')?.getAttribute('data-lock-status'), SLOW)
      .toBe('off');
    expect(c.textContent).toContain("anyone who can read the profile's files can decrypt them");

    type('#lock-new', PASS);
    type('#lock-confirm', 'different-one');
    await click('#lock-enable');
    await expect.poll(() => c.textContent).toContain('The two passphrases differ.');
    expect((await t.app.services.lock.state()).status).toBe('off');
    // The form empties itself when the attempt ends; type again after that.
    await expect.poll(() => $<HTMLButtonElement>('#lock-enable')?.disabled, SLOW).toBe(false);

    type('#lock-new', PASS);
    type('#lock-confirm', PASS);
    await click('#lock-enable');
    await expect
      .poll(() => $('[data-lock-status]')?.getAttribute('data-lock-status'), SLOW)
      .toBe('unlocked');
    expect((await t.app.services.lock.state()).status).toBe('unlocked');
    expect(c.textContent).toContain('The lock is on. It is unlocked until the browser closes.');

    await click('#lock-now');
    await expect
      .poll(() => $('[data-lock-status]')?.getAttribute('data-lock-status'), SLOW)
      .toBe('locked');
    // The banner hears the worker's change signal and shows the state too.
    await expect
      .poll(() => $('[data-testid="lock-banner"]')?.textContent)
      .toContain('Locked — unlock to send');
    type('#options-lock-passphrase', 'wrong passphrase');
    await click('#options-lock-unlock');
    await expect.poll(() => $('.unlock-error')?.textContent, SLOW).toBe('Wrong passphrase.');
    expect($<HTMLInputElement>('#options-lock-passphrase')!.value).toBe('');
    await expect
      .poll(() => $<HTMLInputElement>('#options-lock-passphrase')?.disabled, SLOW)
      .toBe(false);

    type('#options-lock-passphrase', PASS);
    await click('#options-lock-unlock');
    await expect
      .poll(() => $('[data-lock-status]')?.getAttribute('data-lock-status'), SLOW)
      .toBe('unlocked');
    await expect.poll(() => $('[data-testid="lock-banner"]')).toBeNull();
    expect(document.body.innerHTML).not.toContain(PASS);
  });

  it('options: turning the lock on over stored secrets says to rotate them', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const c = render(t, <LockSection />);
    await expect.poll(() => $('#lock-enable'), SLOW).not.toBeNull();
    type('#lock-new', PASS);
    type('#lock-confirm', PASS);
    await click('#lock-enable');
    await expect
      .poll(() => c.textContent, SLOW)
      .toContain(
        "Secret keys were saved before it: older copies may stay readable in the browser's files. Create new API keys in Cyware",
      );
  });

  it('popup: shows "Locked — unlock to send" with what waits, and unlocks', async () => {
    const t = makeApp(sandbox);
    await t.ok('lock.enable', { passphrase: PASS });
    await t.ok('lock.lock', {});
    const c = render(t, <LockNotice queued={2} onOpenSettings={() => undefined} />);
    await expect
      .poll(() => $('[data-testid="lock-notice"]')?.textContent)
      .toContain('Locked — unlock to send');
    expect(c.textContent).toContain('2 incidents waiting; sent after the unlock.');
    type('#popup-lock-passphrase', PASS);
    await click('#popup-lock-unlock');
    await expect.poll(() => $('[data-testid="lock-notice"]'), SLOW).toBeNull();
    expect((await t.app.services.lock.state()).status).toBe('unlocked');
  });

  it('nothing is shown in the popup while the lock is off or open', async () => {
    const t = makeApp(sandbox);
    const c = render(t, <LockNotice queued={0} onOpenSettings={() => undefined} />);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.textContent).toBe('');
  });
});
