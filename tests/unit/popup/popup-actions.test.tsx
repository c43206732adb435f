// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBackground } from './fake-background';
import { failedItem, historyItem } from './fixtures';
import { UNKNOWN_DISMISS_WARNING } from '../../../utils/popup/row-view';
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
