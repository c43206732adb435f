import { describe, expect, it } from 'vitest';
import { statusView } from '../../../utils/popup/status-view';
import { NOW, status } from './fixtures';

describe('statusView', () => {
  it('reports a tested connection with its latency and when', () => {
    const view = statusView(status(), NOW);
    expect(view.needsSetup).toBe(false);
    expect(view.connections[0]).toEqual({
      product: 'cftr',
      name: 'Respond',
      text: 'OK, 120 ms, tested 5 min ago',
      tone: 'ok',
    });
    expect(view.connections[1]).toMatchObject({
      name: 'Intel Exchange',
      text: 'set up, not tested yet',
    });
    expect(view.warnings).toEqual([]);
    expect(view.outboxText).toBeNull();
  });

  it('needs setup without Respond; Intel Exchange is optional', () => {
    const view = statusView(
      status({
        cftr: { configured: false, expiresOn: null, expiry: 'none' },
        ctix: { configured: false, expiresOn: null, expiry: 'none' },
      }),
      NOW,
    );
    expect(view.needsSetup).toBe(true);
    expect(view.connections.map((c) => [c.text, c.tone])).toEqual([
      ['not set up', 'warn'],
      ['not set up (optional)', 'muted'],
    ]);
  });

  it('says a failed test in the background words', () => {
    const view = statusView(
      status({
        cftr: {
          configured: true,
          expiresOn: null,
          expiry: 'none',
          lastTest: {
            ok: false,
            at: NOW - 3_600_000,
            error: {
              kind: 'auth',
              message: 'Wrong access ID or secret key (401).',
              retryable: false,
            },
          },
        },
      }),
      NOW,
    );
    expect(view.connections[0]).toMatchObject({
      text: 'test failed 1 h ago: Wrong access ID or secret key (401).',
      tone: 'danger',
    });
  });

  it('warns about soon and expired credentials', () => {
    const view = statusView(
      status({
        cftr: { configured: true, expiresOn: '2026-11-30', expiry: 'soon', daysLeft: 3 },
        ctix: { configured: true, expiresOn: '2026-11-01', expiry: 'expired', daysLeft: -26 },
      }),
      NOW,
    );
    expect(view.warnings).toEqual([
      { text: 'Respond credentials expire in 3 days (2026-11-30).', tone: 'warn' },
      {
        text: 'Intel Exchange credentials expired on 2026-11-01. Replace them in the settings.',
        tone: 'danger',
      },
    ]);
  });

  it.each([
    [0, 'today'],
    [1, 'tomorrow'],
  ])('says %i days left as %s', (daysLeft, word) => {
    const view = statusView(
      status({ cftr: { configured: true, expiresOn: '2026-11-27', expiry: 'soon', daysLeft } }),
      NOW,
    );
    expect(view.warnings[0]?.text).toBe(`Respond credentials expire ${word} (2026-11-27).`);
  });

  it('counts queued and failed items', () => {
    expect(statusView(status({ queued: 2, failed: 1 }), NOW)).toMatchObject({
      outboxText: '2 queued, 1 failed',
      outboxTone: 'danger',
    });
    expect(statusView(status({ queued: 3 }), NOW)).toMatchObject({
      outboxText: '3 queued',
      outboxTone: 'info',
    });
  });
});
