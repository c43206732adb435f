// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBackground } from './fake-background';
import { failedItem, historyItem } from './fixtures';
import {
  NOT_SURE_TEXT,
  UNKNOWN_DISMISS_WARNING,
  UNKNOWN_RESEND_WARNING,
} from '../../../utils/popup/row-view';
import { $, $$, buttonByText, fakeActions, renderPopup, unmountAll } from './render';

afterEach(unmountAll);

describe('popup: row actions', () => {
  it('shows a failure with its reason and details, and retries it through the outbox', async () => {
    const failed = failedItem({ title: 'Refused' });
    const background = fakeBackground({ items: [failed, historyItem()] });
    renderPopup(background);
    await expect
      .poll(() => $('.row--failed .row-reason p')?.textContent)
      .toBe('Respond rejected the request (400) for POST v1/incident/.');
    expect($('.row--failed .state')?.textContent).toBe('Failed');
    expect($('.row--failed details pre')?.textContent).toBe(
      '{"title":["This field is required."]}',
    );
    // Only failed rows can be retried or dismissed.
    expect($$('button[aria-label^="Retry"]')).toHaveLength(1);
    expect($$('button[aria-label^="Dismiss"]')).toHaveLength(1);

    $<HTMLButtonElement>('button[aria-label="Retry “Refused”"]')?.click();
    await expect.poll(() => background.payloads('history.retry')).toEqual([{ id: failed.id }]);
    // Re-read at once: the row is queued again, without its old reason.
    await expect.poll(() => $('.row--queued .state')?.textContent).toBe('Queued');
    expect($('.row-reason')).toBeNull();
  });

  it('says in words when a retry is refused', async () => {
    const background = fakeBackground({ items: [failedItem({ title: 'Refused' })] });
    background.state.retry = {
      ok: false,
      error: {
        code: 'handler-error',
        message: 'The incident template in the settings is invalid (line 3): x',
      },
    };
    renderPopup(background);
    await expect.poll(() => $('button[aria-label^="Retry"]')).toBeTruthy();
    $<HTMLButtonElement>('button[aria-label^="Retry"]')?.click();
    await expect
      .poll(() => $('.row-action-error')?.textContent)
      .toBe('The incident template in the settings is invalid (line 3): x');
    expect($<HTMLButtonElement>('button[aria-label^="Retry"]')?.disabled).toBe(false);
  });

  it('dismisses a failed incident', async () => {
    const failed = failedItem({ title: 'Go away' });
    const background = fakeBackground({ items: [failed, historyItem({ title: 'Stays' })] });
    renderPopup(background);
    await expect.poll(() => $('button[aria-label="Dismiss “Go away”"]')).toBeTruthy();
    $<HTMLButtonElement>('button[aria-label="Dismiss “Go away”"]')?.click();
    await expect.poll(() => $$('.row-title').map((e) => e.textContent)).toEqual(['Stays']);
    expect(background.payloads('history.dismiss')).toEqual([
      { id: failed.id, confirmUnknownOutcome: false },
    ]);
  });

  it('asks before dismissing an incident of unknown outcome; Keep it keeps it', async () => {
    const unknown = failedItem({ title: 'Maybe there', outcomeUnknown: true });
    const background = fakeBackground({ items: [unknown] });
    renderPopup(background);
    await expect.poll(() => $('button[aria-label="Dismiss “Maybe there”"]')).toBeTruthy();
    $<HTMLButtonElement>('button[aria-label="Dismiss “Maybe there”"]')?.click();
    await expect
      .poll(() => $('.row-confirm')?.textContent)
      .toContain(
        'This incident may already exist in Respond; dismissing forgets it here but does not delete it there.',
      );
    expect(background.payloads('history.dismiss')).toEqual([]);
    const buttons = () => $$<HTMLButtonElement>('.row-confirm button');
    buttons()
      .find((b) => b.textContent === 'Keep it')
      ?.click();
    await expect.poll(() => $('.row-confirm')).toBeNull();
    expect(background.payloads('history.dismiss')).toEqual([]);
    expect($$('.row-title').map((e) => e.textContent)).toEqual(['Maybe there']);

    $<HTMLButtonElement>('button[aria-label="Dismiss “Maybe there”"]')?.click();
    await expect.poll(() => buttons().length).toBe(2);
    buttons()
      .find((b) => b.textContent === 'Dismiss anyway')
      ?.click();
    await expect.poll(() => $$('.row-title').length).toBe(0);
    expect(background.payloads('history.dismiss')).toEqual([
      { id: unknown.id, confirmUnknownOutcome: true },
    ]);
  });

  it('a queued incident of unknown outcome says so, and can be dismissed after the confirm step', async () => {
    const checking = historyItem({
      title: 'Checking',
      state: 'queued',
      outcomeUnknown: true,
      error: {
        kind: 'server',
        message: 'Not sure it was created in Respond; checking before sending again (x).',
        retryable: true,
      },
    });
    const { apiId: _a, readableId: _r, link: _l, ...noIds } = checking;
    const background = fakeBackground({ items: [noIds] });
    renderPopup(background);
    await expect.poll(() => $('.row--queued .state')?.textContent).toBe(NOT_SURE_TEXT);
    expect($('.row--queued .row-reason p')?.textContent).toContain('Not sure it was created');
    $<HTMLButtonElement>('button[aria-label="Dismiss “Checking”"]')?.click();
    await expect.poll(() => $('.row-confirm')?.textContent).toContain(UNKNOWN_DISMISS_WARNING);
    expect(background.payloads('history.dismiss')).toEqual([]);
    $$<HTMLButtonElement>('.row-confirm button')
      .find((b) => b.textContent === 'Dismiss anyway')
      ?.click();
    await expect.poll(() => $$('.row-title').length).toBe(0);
    expect(background.payloads('history.dismiss')).toEqual([
      { id: checking.id, confirmUnknownOutcome: true },
    ]);
  });

  it('sends an incident of unknown outcome again only after the confirm step', async () => {
    const {
      apiId: _a,
      readableId: _r,
      link: _l,
      ...unknown
    } = historyItem({
      title: 'Maybe',
      state: 'queued',
      outcomeUnknown: true,
    });
    const background = fakeBackground({ items: [unknown] });
    renderPopup(background);
    await expect.poll(() => $('button[aria-label="Send “Maybe” again"]')).toBeTruthy();
    $<HTMLButtonElement>('button[aria-label="Send “Maybe” again"]')?.click();
    await expect.poll(() => $('.row-confirm')?.textContent).toContain(UNKNOWN_RESEND_WARNING);
    const buttons = () => $$<HTMLButtonElement>('.row-confirm button');
    buttons()
      .find((b) => b.textContent === 'Keep checking')
      ?.click();
    await expect.poll(() => $('.row-confirm')).toBeNull();
    expect(background.payloads('outbox.resend')).toEqual([]);
    $<HTMLButtonElement>('button[aria-label="Send “Maybe” again"]')?.click();
    await expect.poll(() => buttons().length).toBe(2);
    buttons()
      .find((b) => b.textContent === 'Send again anyway')
      ?.click();
    await expect
      .poll(() => background.payloads('outbox.resend'))
      .toEqual([{ id: unknown.id, confirmDuplicateRisk: true }]);
    await expect.poll(() => $('.row--queued .state')?.textContent).toBe('Queued');
    expect($('button[aria-label="Send “Maybe” again"]')).toBeNull();
  });

  it('opens the confirm step when the worker refuses an unflagged row of unknown outcome', async () => {
    const legacy = failedItem({ title: 'Old row' });
    const background = fakeBackground({ items: [legacy] });
    background.state.dismissUnconfirmed = {
      ok: false,
      error: {
        code: 'handler-error',
        message: `${UNKNOWN_DISMISS_WARNING} Confirm to dismiss it.`,
      },
    };
    renderPopup(background);
    await expect.poll(() => $('button[aria-label="Dismiss “Old row”"]')).toBeTruthy();
    $<HTMLButtonElement>('button[aria-label="Dismiss “Old row”"]')?.click();
    await expect.poll(() => $('.row-confirm')?.textContent).toContain(UNKNOWN_DISMISS_WARNING);
    expect($('.row-action-error')).toBeNull();
    $$<HTMLButtonElement>('.row-confirm button')
      .find((b) => b.textContent === 'Dismiss anyway')
      ?.click();
    await expect.poll(() => $$('.row-title').length).toBe(0);
    expect(background.payloads('history.dismiss')).toEqual([
      { id: legacy.id, confirmUnknownOutcome: false },
      { id: legacy.id, confirmUnknownOutcome: true },
    ]);
  });

  it('gives every icon-only button an accessible name', async () => {
    renderPopup(fakeBackground({ items: [historyItem(), failedItem()] }));
    await expect.poll(() => $$('.incident-list > li').length).toBe(2);
    for (const button of $$('button')) {
      const name = button.getAttribute('aria-label') ?? button.textContent?.trim() ?? '';
      expect(name.length, button.outerHTML).toBeGreaterThan(2);
    }
    for (const svg of $$('svg')) expect(svg.getAttribute('aria-hidden')).toBe('true');
  });
});

describe('popup: create from this page', () => {
  it('starts the page flow for the active tab, then closes', async () => {
    const background = fakeBackground();
    background.state.startPage = () => ({ ok: true, data: { started: true } });
    const actions = fakeActions({ activeTabId: vi.fn(async () => 42) });
    renderPopup(background, actions);
    await expect.poll(() => buttonByText('Create from this page')?.disabled).toBe(false);
    buttonByText('Create from this page')?.click();
    await expect.poll(() => actions.closePopup.mock.calls.length).toBe(1);
    expect(background.payloads('flow.startPage')).toEqual([{ tabId: 42 }]);
    expect($('.create-problem')).toBeNull();
  });

  it('says in words that the page flow is not there yet', async () => {
    const actions = fakeActions();
    renderPopup(fakeBackground(), actions);
    await expect.poll(() => buttonByText('Create from this page')?.disabled).toBe(false);
    buttonByText('Create from this page')?.click();
    await expect
      .poll(() => $('.create-problem')?.textContent)
      .toBe('Creating from this page is not available in this version of the extension yet.');
    expect(actions.closePopup).not.toHaveBeenCalled();
  });

  it('shows why the background would not start', async () => {
    const background = fakeBackground();
    background.state.startPage = () => ({
      ok: true,
      data: { started: false, reason: 'Browser pages cannot be read.' },
    });
    renderPopup(background);
    await expect.poll(() => buttonByText('Create from this page')?.disabled).toBe(false);
    buttonByText('Create from this page')?.click();
    await expect
      .poll(() => $('.create-problem')?.textContent)
      .toBe('Browser pages cannot be read.');
  });

  it('needs an open tab', async () => {
    const background = fakeBackground();
    renderPopup(background, fakeActions({ activeTabId: vi.fn(async () => null) }));
    await expect.poll(() => buttonByText('Create from this page')?.disabled).toBe(false);
    buttonByText('Create from this page')?.click();
    await expect
      .poll(() => $('.create-problem')?.textContent)
      .toBe('There is no open tab to create an incident from.');
    expect(background.payloads('flow.startPage')).toEqual([]);
  });
});
