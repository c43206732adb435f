import { describe, expect, it } from 'vitest';
import { createMessenger, MessageError } from '../../../utils/messaging/client';

describe('page messenger (envelope check only: the worker validated the answer)', () => {
  it('returns the data of an ok answer and sends the bridge envelope', async () => {
    const sent: unknown[] = [];
    const request = createMessenger(async (m) => {
      sent.push(m);
      return { ok: true, data: { removed: true } };
    });
    await expect(request('history.dismiss', { id: 'x' })).resolves.toEqual({ removed: true });
    expect(sent).toEqual([
      { channel: 'cftr-bridge', type: 'history.dismiss', payload: { id: 'x' } },
    ]);
  });

  it('throws the worker error with its code', async () => {
    const request = createMessenger(async () => ({
      ok: false,
      error: { code: 'not-allowed', message: 'No.' },
    }));
    const error = await request('status.get', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageError);
    expect(error).toMatchObject({ code: 'not-allowed', message: 'No.' });
  });

  it.each([
    undefined,
    null,
    'ok',
    {},
    { ok: true },
    { ok: false },
    { ok: false, error: { code: 1 } },
  ])('refuses an answer that is not an envelope: %j', async (raw) => {
    const request = createMessenger(async () => raw);
    await expect(request('status.get', {})).rejects.toMatchObject({ code: 'bad-response' });
  });
});
