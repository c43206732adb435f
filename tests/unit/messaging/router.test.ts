import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '../../../utils/settings/defaults';
import type { MessageResult } from '../../../utils/messaging/contract';
import type { SettingsView, Status } from '../../../utils/model/views';
import {
  createRouter,
  HandlerError,
  senderRole,
  type Handlers,
  type SenderLike,
} from '../../../utils/messaging/router';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const opts = { extensionId: ID, extensionOrigin: ORIGIN };

const SENDERS = {
  popup: { id: ID, url: `${ORIGIN}/popup.html` },
  optionsTab: {
    id: ID,
    url: `${ORIGIN}/options.html`,
    tab: { id: 3, url: `${ORIGIN}/options.html` },
  },
  contentScript: {
    id: ID,
    url: 'https://intel.example/report',
    tab: { id: 7, url: 'https://intel.example/report' },
  },
  ourPageFramedInWebTab: {
    id: ID,
    url: `${ORIGIN}/review.html`,
    tab: { id: 7, url: 'https://evil.example/' },
  },
  foreignExtensionPage: {
    id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
    url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html',
  },
  foreignExtensionContent: {
    id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
    url: 'https://intel.example/',
    tab: { id: 7, url: 'https://intel.example/' },
  },
  webPage: { url: 'https://evil.example/', tab: { id: 9, url: 'https://evil.example/' } },
  noId: { url: `${ORIGIN}/popup.html` },
  empty: {},
  ourIdOtherOriginNoTab: { id: ID, url: 'https://evil.example/' },
} satisfies Record<string, SenderLike>;

const status: Status = {
  ctix: { configured: false, expiresOn: null, expiry: 'none' },
  cftr: { configured: false, expiresOn: null, expiry: 'none' },
  queued: 0,
  failed: 0,
};
const view: SettingsView = {
  settings: defaultSettings(),
  secrets: { ctix: { set: false }, cftr: { set: true, updatedAt: 1 } },
  locked: [],
};

function makeRouter(extra: Handlers = {}) {
  const handlers: Handlers = {
    'status.get': vi.fn(async () => status),
    'settings.get': vi.fn(async () => view),
    ...extra,
  };
  const onHandlerError = vi.fn();
  return { router: createRouter(handlers, { ...opts, onHandlerError }), handlers, onHandlerError };
}

const msg = (type: string, payload: unknown = {}) => ({ channel: 'cftr-bridge', type, payload });

describe('senderRole', () => {
  it.each([
    ['popup', 'page'],
    ['optionsTab', 'page'],
    ['contentScript', 'content'],
    ['ourPageFramedInWebTab', null],
    ['foreignExtensionPage', null],
    ['foreignExtensionContent', null],
    ['webPage', null],
    ['noId', null],
    ['empty', null],
    ['ourIdOtherOriginNoTab', null],
  ] as const)('%s → %s', (name, role) => {
    expect(senderRole(SENDERS[name], opts)).toBe(role);
  });

  it('does not accept an origin that only starts with ours', () => {
    expect(senderRole({ id: ID, url: `${ORIGIN}.evil.example/popup.html` }, opts)).toBeNull();
  });
});

describe('router.handle', () => {
  it('answers our own page, passing the role and sender to the handler', async () => {
    const { router, handlers } = makeRouter();
    expect(await router.handle(msg('settings.get'), SENDERS.popup)).toEqual({
      ok: true,
      data: view,
    });
    expect(handlers['settings.get']).toHaveBeenCalledWith(
      {},
      { role: 'page', sender: SENDERS.popup },
    );
  });

  it('lets our content script use content messages only', async () => {
    const { router, handlers } = makeRouter();
    expect(await router.handle(msg('status.get'), SENDERS.contentScript)).toEqual({
      ok: true,
      data: status,
    });
    const refused = await router.handle(msg('settings.get'), SENDERS.contentScript);
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    expect(handlers['settings.get']).not.toHaveBeenCalled();
  });

  it.each([
    'foreignExtensionPage',
    'foreignExtensionContent',
    'webPage',
    'noId',
    'empty',
    'ourPageFramedInWebTab',
  ] as const)('rejects %s before looking at the message', async (name) => {
    const { router, handlers } = makeRouter();
    for (const type of ['status.get', 'settings.get', 'no.such.type']) {
      const result = await router.handle(msg(type), SENDERS[name]);
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(handlers['status.get']).not.toHaveBeenCalled();
  });

  it('rejects unknown types and types without a handler', async () => {
    const { router } = makeRouter();
    expect(await router.handle(msg('settings.steal'), SENDERS.popup)).toMatchObject({
      ok: false,
      error: { code: 'unknown-type' },
    });
    expect(await router.handle(msg('history.list'), SENDERS.popup)).toMatchObject({
      ok: false,
      error: { code: 'unknown-type' },
    });
  });

  it('rejects invalid payloads with the field at fault, without calling the handler', async () => {
    const retry = vi.fn();
    const { router } = makeRouter({ 'history.retry': retry });
    const result = await router.handle(msg('history.retry', { id: 42 }), SENDERS.popup);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(result?.ok === false && result.error.message).toContain('id');
    expect(await router.handle(msg('status.get', { extra: true }), SENDERS.popup)).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(
      await router.handle({ channel: 'cftr-bridge', payload: {} }, SENDERS.popup),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(retry).not.toHaveBeenCalled();
  });

  it('hands the handler the parsed payload with defaults filled in', async () => {
    const list = vi.fn(async () => ({ items: [], total: 0 }));
    const { router } = makeRouter({ 'history.list': list });
    await router.handle(msg('history.list', {}), SENDERS.popup);
    expect(list).toHaveBeenCalledWith({ query: '', offset: 0, limit: 50 }, expect.anything());
  });

  it('turns handler failures into handler-error, showing only deliberate messages', async () => {
    const { router, onHandlerError } = makeRouter({
      'history.retry': async () => {
        throw new HandlerError('That incident was already created.');
      },
      'history.dismiss': async () => {
        throw new Error('internal detail with secret s3cr3t');
      },
    });
    expect(await router.handle(msg('history.retry', { id: 'x' }), SENDERS.popup)).toEqual({
      ok: false,
      error: { code: 'handler-error', message: 'That incident was already created.' },
    });
    const hidden = await router.handle(msg('history.dismiss', { id: 'x' }), SENDERS.popup);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'handler-error' } });
    expect(JSON.stringify(hidden)).not.toContain('s3cr3t');
    expect(onHandlerError).toHaveBeenCalledTimes(2);
  });

  it('refuses to answer with a response that breaks the contract, and strips unknown fields', async () => {
    const { router } = makeRouter({
      'history.dismiss': async () => ({ removed: 'yes' }) as never,
      'settings.export': async () => ({ json: '{}', secret: 'leak' }) as never,
    });
    expect(await router.handle(msg('history.dismiss', { id: 'x' }), SENDERS.popup)).toMatchObject({
      ok: false,
      error: { code: 'handler-error' },
    });
    const exported = await router.handle(msg('settings.export'), SENDERS.popup);
    expect(exported).toEqual({ ok: true, data: { json: '{}' } });
  });

  it('leaves messages of other channels to other listeners', async () => {
    const { router } = makeRouter();
    expect(await router.handle({ type: 'status.get', payload: {} }, SENDERS.popup)).toBeNull();
    expect(await router.handle('ping', SENDERS.popup)).toBeNull();
    expect(router({ type: 'x' }, SENDERS.popup, vi.fn())).toBeUndefined();
  });
});

describe('router as an onMessage listener', () => {
  it('answers through sendResponse and returns true (Chrome rule)', async () => {
    const { router } = makeRouter();
    const result = await new Promise<MessageResult>((resolve) => {
      expect(router(msg('status.get'), SENDERS.popup, resolve)).toBe(true);
    });
    expect(result).toEqual({ ok: true, data: status });
  });

  it('works with the fake browser, which gives no sender: rejected', async () => {
    const { router } = makeRouter();
    fakeBrowser.runtime.onMessage.addListener(router);
    const answer = await fakeBrowser.runtime.sendMessage(msg('status.get'));
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });
});
