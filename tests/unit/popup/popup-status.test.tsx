// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBackground } from './fake-background';
import { historyItem, status } from './fixtures';
import { $, buttonByText, renderPopup, unmountAll } from './render';

afterEach(unmountAll);

const notSetUp = () =>
  status({
    cftr: { configured: false, expiresOn: null, expiry: 'none' },
    ctix: { configured: false, expiresOn: null, expiry: 'none' },
  });

describe('popup: status and empty states', () => {
  it('leads to the settings on first run', async () => {
    const { actions } = renderPopup(fakeBackground({ status: notSetUp() }));
    await expect.poll(() => $('.empty-title')?.textContent).toBe('Connect to Cyware Respond');
    expect(buttonByText('Create from this page')).toBeUndefined();
    buttonByText('Open settings')?.click();
    expect(actions.openOptions).toHaveBeenCalledTimes(1);
  });

  it('keeps the history visible when Respond is not set up any more, and says so', async () => {
    renderPopup(fakeBackground({ status: notSetUp(), items: [historyItem({ title: 'Kept' })] }));
    await expect.poll(() => $('.row-title')?.textContent).toBe('Kept');
    expect($('.status-setup')?.textContent).toBe(
      'Nothing can be sent until Respond is set up. Open settings',
    );
    expect(buttonByText('Create from this page')?.disabled).toBe(true);
  });

  it('shows the connections, expiry warnings and outbox counts', async () => {
    const background = fakeBackground({
      items: [historyItem()],
      status: status({
        cftr: {
          configured: true,
          expiresOn: '2099-01-03',
          expiry: 'soon',
          daysLeft: 2,
          lastTest: { ok: true, at: Date.now() - 60_000, latencyMs: 87 },
        },
        ctix: { configured: true, expiresOn: '2020-01-01', expiry: 'expired', daysLeft: -9 },
        queued: 2,
        failed: 1,
      }),
    });
    renderPopup(background);
    await expect.poll(() => $('.status')).toBeTruthy();
    const text = $('.status')?.textContent ?? '';
    expect(text).toContain('RespondOK, 87 ms, tested 1 min ago');
    expect(text).toContain('Intel Exchangeset up, not tested yet');
    expect(text).toContain('Respond credentials expire in 2 days (2099-01-03).');
    expect(text).toContain('Intel Exchange credentials expired on 2020-01-01.');
    expect($('.status-outbox')?.textContent).toBe('2 queued, 1 failed');
  });

  it('says when there are no incidents yet', async () => {
    renderPopup(fakeBackground());
    await expect.poll(() => $('.empty-title')?.textContent).toBe('No incidents yet');
    expect(buttonByText('Create from this page')).toBeTruthy();
  });

  it('says when the history cannot be read, and tries again', async () => {
    const background = fakeBackground({ items: [historyItem({ title: 'Back' })] });
    background.state.listError = 'The extension could not complete history.list.';
    renderPopup(background);
    await expect
      .poll(() => $('.empty[role=alert]')?.textContent)
      .toBe(
        'The history could not be loadedThe extension could not complete history.list.Try again',
      );
    background.state.listError = null;
    buttonByText('Try again')?.click();
    await expect.poll(() => $('.row-title')?.textContent).toBe('Back');
  });
});
