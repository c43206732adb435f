// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../../utils/model/incident';
import { makeDraft, makeItem } from '../capture/fixtures';
import {
  $,
  $$,
  buttonByText,
  fakeBackground,
  ok,
  press,
  refused,
  renderDialog,
  typeInto,
  unmountAll,
} from './render';

afterEach(unmountAll);

const XSS = '<img src=x onerror=alert(1)><script>alert(2)</script><svg onload=alert(3)>';
const dialog = () => $('[role=dialog]');
const state = () => dialog()?.getAttribute('data-state');

/** A background whose create answers with `item` (queued by default) and enrich knows 45.137.21.9. */
function background(
  opts: {
    draft?: ReturnType<typeof makeDraft>;
    create?: () => ReturnType<typeof ok>;
    items?: HistoryItem[];
  } = {},
) {
  const draft = opts.draft ?? makeDraft();
  const itemUpdates = [...(opts.items ?? [])];
  return fakeBackground({
    'review.get': () => ok({ draft }),
    'review.enrich': (p) =>
      ok({
        results: (p.values as string[]).map((value) =>
          value === '45.137.21.9'
            ? { value, known: true, score: 87, tlp: 'amber', falsePositive: false }
            : { value, known: false },
        ),
      }),
    'history.duplicates': () => ok({ matches: [] }),
    'review.close': () => ok({ closed: true }),
    'incident.create': (p) =>
      opts.create?.() ?? ok(makeItem({ id: (p.incident as { requestId: string }).requestId })),
    'incident.get': (p) => {
      const next = itemUpdates.shift();
      return ok({ item: next ? { ...next, id: p.id as string } : null });
    },
  });
}

describe('review dialog', () => {
  it('is a labelled modal dialog; loading shows pushed progress until the draft is there', async () => {
    let ready = false;
    const bg = fakeBackground({
      'review.get': () => ok({ draft: ready ? makeDraft() : null }),
      'history.duplicates': () => ok({ matches: [] }),
      'review.enrich': () => ok({ results: [] }),
    });
    const view = renderDialog(bg);
    await expect.poll(() => state()).toBe('loading');
    expect(dialog()?.getAttribute('aria-modal')).toBe('true');
    const heading = $(`#${CSS.escape(dialog()?.getAttribute('aria-labelledby') ?? '')}`);
    expect(heading?.textContent).toBe('Create CFTR Incident');
    view.push({ type: 'progress', text: 'Finding IOCs in 5.0 MB of text…' });
    await expect
      .poll(() => $('.loading-text')?.textContent)
      .toBe('Finding IOCs in 5.0 MB of text…');
    ready = true;
    await view.ready();
    await expect
      .poll(() => $<HTMLInputElement>('input[type=text]')?.value)
      .toBe('Command and control');
  });

  it('draws page text and API fields as text only', async () => {
    const draft = makeDraft({
      title: XSS,
      description: XSS,
      actionLabel: `Go ${XSS}`,
      notice: XSS,
      iocs: [
        { type: 'url', value: 'http://evil.example/a', original: `hxxp://evil[.]example/a${XSS}` },
      ],
      mapping: { url: { ctixType: 'url', respondField: XSS } },
    });
    const bg = fakeBackground({
      'review.get': () => ok({ draft }),
      'review.enrich': () =>
        ok({ results: [{ value: 'http://evil.example/a', known: true, tlp: XSS }] }),
      'history.duplicates': () =>
        ok({
          matches: [
            {
              key: 'http://evil.example/a',
              incidents: [{ id: 'x', readableId: XSS, link: 'javascript:alert(9)', title: XSS }],
            },
          ],
        }),
    });
    renderDialog(bg);
    await expect.poll(() => state()).toBe('duplicate');
    await expect.poll(() => $('.badge-known')).toBeTruthy();
    const root = dialog() as HTMLElement;
    expect($$('img, script, svg, iframe', root)).toEqual([]);
    expect($<HTMLInputElement>('input[type=text]')?.value).toBe(XSS);
    expect(root.textContent).toContain(XSS);
    // A javascript: link from anywhere is text, never an href.
    expect($$('a', root).map((a) => a.getAttribute('href'))).toEqual([]);
  });

  it('groups IOCs by type with counts; unmapped ones are unchecked, disabled and say so', async () => {
    renderDialog(background());
    await expect.poll(() => $$('.ioc-group').length).toBe(3);
    const groups = $$('.ioc-group').map((g) => [
      $('h3', g)?.textContent,
      $('.mapping', g)?.textContent,
      $$<HTMLInputElement>('input[type=checkbox]', g).map((c) => `${c.checked}/${c.disabled}`),
    ]);
    expect(groups).toEqual([
      ['IPv4 addresses 2 of 2', '→ Respond field ip_address', ['true/false', 'true/false']],
      ['Domains 1 of 1', '→ Respond field domain', ['true/false']],
      ['Bitcoin addresses 1', 'not mapped — will not be connected', ['false/true']],
    ]);
    expect($('.iocs-head h3')?.textContent).toBe(
      'IOCs 3 of 4 selected · 1 not mapped in Respond, so not sent',
    );
    buttonByText('Select none')?.click();
    await expect
      .poll(() => $('.iocs-head h3')?.textContent)
      .toBe('IOCs 0 of 4 selected · 1 not mapped in Respond, so not sent');
    buttonByText('all', $$('.ioc-group')[1])?.click();
    await expect
      .poll(() => $('.iocs-head h3')?.textContent)
      .toBe('IOCs 1 of 4 selected · 1 not mapped in Respond, so not sent');
  });

  it('shows enrichment (known, score, TLP) without blocking, asking in batches of at most 20', async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({
      type: 'ipv4' as const,
      value: `45.137.21.${i}`,
      original: `45.137.21.${i}`,
    }));
    const bg = background({
      draft: makeDraft({
        iocs: [...many, { type: 'ipv4', value: '45.137.21.9', original: '45.137.21.9' }],
      }),
    });
    renderDialog(bg);
    await expect.poll(() => state()).toBe('enriched');
    const row = $('.ioc-row[data-value="45.137.21.9"]');
    expect($$('.badge', row ?? undefined).map((b) => b.textContent)).toEqual([
      'known',
      'score 87',
      'TLP:AMBER',
    ]);
    expect(bg.payloads('review.enrich').map((p) => (p.values as string[]).length)).toEqual([
      20, 20, 5,
    ]);
  });

  it('warns about IOCs already in an incident, with a link to it', async () => {
    const bg = fakeBackground({
      'review.get': () => ok({ draft: makeDraft({ canEnrich: false }) }),
      'history.duplicates': () =>
        ok({
          matches: [
            {
              key: '45.137.21.9',
              incidents: [
                {
                  id: 'old',
                  readableId: 'INC7',
                  link: 'https://t.example/cftr/incidents/u1/',
                  title: 'Earlier',
                },
              ],
            },
          ],
        }),
    });
    renderDialog(bg);
    await expect.poll(() => state()).toBe('duplicate');
    const link = $<HTMLAnchorElement>('.duplicate-warning a');
    expect(link?.textContent).toBe('INC7');
    expect(link?.getAttribute('href')).toBe('https://t.example/cftr/incidents/u1/');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toContain('noopener');
    expect($('.ioc-row[data-value="45.137.21.9"] .badge-warn')?.textContent).toBe(
      'already in INC7',
    );
    expect(bg.payloads('history.duplicates')[0]).toEqual({
      iocValues: [
        '45.137.21.9',
        '193.42.33.107',
        'docs-share-preview.com',
        'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      ],
      ctixObjectIds: [],
    });
  });

  it('Enter in the title creates (once, even pressed twice); Enter in the description does not', async () => {
    const bg = background({
      items: [
        makeItem({
          state: 'created',
          readableId: 'INC12',
          link: 'https://t.example/cftr/incidents/u12/',
        }),
      ],
    });
    renderDialog(bg);
    await expect.poll(() => state()).toBe('enriched');
    const textarea = $<HTMLTextAreaElement>('textarea') as HTMLTextAreaElement;
    press(textarea, 'Enter');
    expect(bg.payloads('incident.create')).toEqual([]);
    const title = $<HTMLInputElement>('input[type=text]') as HTMLInputElement;
    typeInto(title, 'Edited title');
    press(title, 'Enter');
    press(title, 'Enter');
    await expect.poll(() => state()).toBe('done');
    const creates = bg.payloads('incident.create');
    expect(creates).toHaveLength(1);
    const incident = creates[0]?.incident as {
      title: string;
      iocs: { value: string }[];
      requestId: string;
    };
    expect(creates[0]?.reviewId).toBe('review-1');
    expect(incident.title).toBe('Edited title');
    // Exactly the checked, mapped IOCs: never the unmapped bitcoin address.
    expect(incident.iocs.map((i) => i.value)).toEqual([
      '45.137.21.9',
      '193.42.33.107',
      'docs-share-preview.com',
    ]);
    expect(incident.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const link = $<HTMLAnchorElement>('.outcome-done a');
    expect(link?.textContent).toBe('INC12');
    expect(link?.getAttribute('href')).toBe('https://t.example/cftr/incidents/u12/');
    expect(buttonByText('Copy ID')).toBeTruthy();
  });

  it('double-clicking Create sends one request; after a refusal the retry keeps the requestId', async () => {
    let refuse = true;
    const bg = background({
      create: () =>
        refuse
          ? refused('The incident template in the settings is invalid (line 3): x')
          : ok(makeItem({ state: 'created', readableId: 'INC5' })),
    });
    renderDialog(bg);
    await expect.poll(() => buttonByText('Create CFTR Incident')?.disabled).toBe(false);
    buttonByText('Create CFTR Incident')?.click();
    buttonByText(/Create/)?.click();
    await expect.poll(() => state()).toBe('error');
    expect($('.error-text')?.textContent).toBe(
      'The incident template in the settings is invalid (line 3): x',
    );
    expect(bg.payloads('incident.create')).toHaveLength(1);
    refuse = false;
    buttonByText('Create CFTR Incident')?.click();
    await expect.poll(() => state()).toBe('done');
    const ids = bg
      .payloads('incident.create')
      .map((p) => (p.incident as { requestId: string }).requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('creating shows progress; a failed attempt says "queued, will retry" and follows to done', async () => {
    const retrying = makeItem({
      state: 'queued',
      attempts: 1,
      error: { kind: 'server', message: 'Respond answered 503 (server error).', retryable: true },
    });
    let current: HistoryItem = makeItem({ state: 'queued', attempts: 0 });
    const bg = fakeBackground({
      'review.get': () => ok({ draft: makeDraft({ canEnrich: false }) }),
      'history.duplicates': () => ok({ matches: [] }),
      'incident.create': () => ok(current),
      'incident.get': () => ok({ item: current }),
    });
    renderDialog(bg);
    await expect.poll(() => buttonByText('Create CFTR Incident')?.disabled).toBe(false);
    buttonByText('Create CFTR Incident')?.click();
    await expect.poll(() => state()).toBe('creating');
    expect($('.outcome-progress')?.textContent).toBe('Creating the incident in Respond…');
    expect(buttonByText('Creating…')?.disabled).toBe(true);
    current = retrying;
    await expect.poll(() => state(), { timeout: 5000 }).toBe('error');
    expect($('.error-text')?.textContent).toBe('Respond answered 503 (server error).');
    expect($('.retrying')?.textContent).toMatch(/^Queued, will retry/);
    // No second Create while the outbox holds it.
    expect(buttonByText('Create CFTR Incident')).toBeUndefined();
    current = makeItem({ state: 'created', readableId: 'INC9' });
    await expect.poll(() => state(), { timeout: 5000 }).toBe('done');
    expect($('.outcome-done .readable-id')?.textContent).toBe('INC9');
    expect(bg.payloads('incident.create')).toHaveLength(1);
  });

  it('a refusal for good shows Respond’s own words, and Close instead of Cancel', async () => {
    const bg = background({
      create: () =>
        ok(
          makeItem({
            state: 'failed',
            attempts: 1,
            error: {
              kind: 'bad-request',
              status: 400,
              message: 'Respond rejected the request (400) for POST v1/incident/.',
              detail: '{"title":["This field may not be blank."]}',
              retryable: false,
            },
          }),
        ),
    });
    renderDialog(bg);
    await expect.poll(() => buttonByText('Cancel')).toBeTruthy();
    buttonByText('Create CFTR Incident')?.click();
    await expect.poll(() => state()).toBe('error');
    expect($('.error-detail pre')?.textContent).toBe('{"title":["This field may not be blank."]}');
    expect($('.retrying')?.textContent).toBe('Not created. Retry it from the extension’s popup.');
    expect(buttonByText('Cancel')).toBeUndefined();
    expect(buttonByText('Close')).toBeTruthy();
    expect(buttonByText('Create CFTR Incident')).toBeUndefined();
  });

  it('Esc closes and ends the review; Tab stays inside the dialog', async () => {
    const bg = background();
    const view = renderDialog(bg);
    await expect.poll(() => state()).toBe('enriched');
    const root = dialog() as HTMLElement;
    const focusable = $$<HTMLElement>(
      'button:not([disabled]), input:not([disabled]), textarea',
      root,
    );
    const last = focusable[focusable.length - 1] as HTMLElement;
    last.focus();
    press(last, 'Tab');
    expect(document.activeElement).toBe(focusable[0]);
    press(focusable[0] as HTMLElement, 'Tab', { shiftKey: true });
    expect(document.activeElement).toBe(last);

    press($('input[type=text]') as HTMLElement, 'Escape');
    expect(view.onClose).toHaveBeenCalledOnce();
    await expect.poll(() => bg.payloads('review.close')).toEqual([{ reviewId: 'review-1' }]);
  });

  it('a review that never arrives ends in words, not a spinner forever', async () => {
    const gone = fakeBackground({ 'review.get': () => ok({ draft: null }) });
    renderDialog(gone, { draftWaitMs: 600 });
    await expect.poll(() => state()).toBe('loading');
    await expect.poll(() => state(), { timeout: 3000 }).toBe('error');
    expect($('.error-text')?.textContent).toBe(
      'This review is no longer available. Start it again from the page’s context menu.',
    );
    unmountAll();

    // The worker refused the port (another tab's review, or it was closed): it says why.
    const failing = fakeBackground({
      'review.get': () => refused('This review is no longer available here.'),
    });
    renderDialog(failing, { draftWaitMs: 30_000 });
    await expect
      .poll(() => $('.error-text')?.textContent, { timeout: 3000 })
      .toBe('This review is no longer available here.');
  });

  it('a second copy of the draft (a reconnect after a worker restart) keeps the edits', async () => {
    const bg = background();
    const view = renderDialog(bg);
    await expect.poll(() => state()).toBe('enriched');
    const title = $<HTMLInputElement>('input[type=text]') as HTMLInputElement;
    typeInto(title, 'Edited before the restart');
    await view.ready();
    await new Promise((r) => setTimeout(r, 100));
    expect($<HTMLInputElement>('input[type=text]')?.value).toBe('Edited before the restart');
  });
});

describe('known before Create (issue 16)', () => {
  const connection = (expiry: 'ok' | 'expired', configured = true) => ({
    configured,
    expiresOn: expiry === 'expired' ? '2026-11-30' : null,
    expiry,
  });

  it('an expired Respond key: says so with the fix, and Create is off', async () => {
    const bg = fakeBackground({
      'review.get': () => ok({ draft: makeDraft({ canEnrich: false }) }),
      'history.duplicates': () => ok({ matches: [] }),
      'status.get': () =>
        ok({ ctix: connection('ok'), cftr: connection('expired'), queued: 0, failed: 0 }),
    });
    let opened = 0;
    renderDialog(bg, { onOpenOptions: () => (opened += 1) });
    await expect
      .poll(() => $('.blocked-note')?.textContent ?? '')
      .toMatch(/The Respond API key expired on 2026-11-30: nothing can be created/);
    expect(buttonByText('Create CFTR Incident')?.disabled).toBe(true);
    buttonByText('Open the options')?.click();
    expect(opened).toBe(1);
    press($('input[type=text]') as HTMLElement, 'Enter');
    await new Promise((r) => setTimeout(r, 50));
    expect(bg.payloads('incident.create')).toEqual([]);
  });

  it('a valid key leaves Create on', async () => {
    const bg = fakeBackground({
      'review.get': () => ok({ draft: makeDraft({ canEnrich: false }) }),
      'history.duplicates': () => ok({ matches: [] }),
      'status.get': () =>
        ok({ ctix: connection('ok'), cftr: connection('ok'), queued: 0, failed: 0 }),
    });
    renderDialog(bg);
    await expect.poll(() => bg.payloads('status.get').length > 0).toBe(true);
    await expect.poll(() => buttonByText('Create CFTR Incident')?.disabled).toBe(false);
    expect($('.blocked-note')).toBeNull();
  });

  it('marks a mixed-script host as a possible look-alike, with an explanation, and only that row', async () => {
    const base = makeDraft();
    const draft = makeDraft({
      iocs: [
        ...base.iocs,
        {
          type: 'domain',
          value: 'xn--pypal-login-4ve.com',
          original: 'p\u0430ypal-login.com',
          homograph: true,
        },
      ],
    });
    renderDialog(background({ draft }));
    await expect.poll(() => $$('.badge-homograph').length).toBe(1);
    const badge = $('.badge-homograph');
    expect(badge?.closest('.ioc-row')?.getAttribute('data-value')).toBe('xn--pypal-login-4ve.com');
    expect(badge?.textContent).toMatch(/mixed scripts — possible look-alike/);
    expect(badge?.getAttribute('title')).toMatch(/different alphabets/);
  });
});
