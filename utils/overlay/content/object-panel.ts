import type { CtixObjectRef, ObjectIncident } from '../../model/overlay';
import type { RequestOf } from '../../messaging/contract';
import type { Send } from './bridge';
import { createHost, el } from './host';

/**
 * The object page's action and its "CFTR Incidents" list (local history merged with the
 * object's Intel Exchange tags, from the worker). Inline in the Quick Actions panel, or
 * floating when the page has no panel we recognise.
 */

export interface ObjectPanelDeps {
  doc: Document;
  send: Send;
  label: string;
  /** Whose incidents are listed (a bulletin or investigation: `{ type: 'bulletin', id }`). */
  object: CtixObjectRef;
  /** What the action asks for; default: this object (issue 12: a bulletin, an investigation). */
  review?: RequestOf<'overlay.review'>;
  /** Resolves with why the action cannot be used (a draft bulletin), or null. */
  unusable?: Promise<string | null>;
  /** The Quick Actions panel, or null for the floating variant. */
  anchor: Element | null;
  signal: AbortSignal;
  /** Calls back when the history changed (the change signal); returns an unsubscribe. */
  onHistoryChange(callback: () => void): () => void;
}

const CSS = `
.panel { display: grid; gap: 6px; margin: 8px 0; }
.floating { position: fixed; right: 20px; bottom: 20px; z-index: 2147483646; padding: 12px; max-width: 320px;
  background: #fff; border: 1px solid #d1d5db; border-radius: 10px; box-shadow: 0 8px 24px rgb(0 0 0 / .18); }
@media (prefers-color-scheme: dark) { .floating { background: #111827; border-color: #374151; } }
h3 { font-size: 13px; margin: 6px 0 0; }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
`;

export function mountObjectPanel(deps: ObjectPanelDeps): void {
  const { doc, signal } = deps;
  const { element, root } = createHost(doc, 'object', CSS);
  const panel = el(doc, 'div', {
    class: deps.anchor ? 'panel' : 'panel floating',
    role: 'group',
    'aria-label': 'CFTR Incident Bridge',
  });
  const button = el(doc, 'button', { type: 'button', class: 'create' }, deps.label);
  const status = el(doc, 'p', { role: 'status', class: 'muted' });
  const heading = el(doc, 'h3', {}, 'CFTR Incidents');
  const list = el(doc, 'ul', { class: 'incidents', 'aria-label': 'CFTR Incidents' });
  panel.append(button, status, heading, list);
  root.append(panel);

  function draw(items: readonly ObjectIncident[]): void {
    list.replaceChildren();
    if (items.length === 0) {
      list.append(el(doc, 'li', { class: 'muted' }, 'None yet'));
      return;
    }
    for (const item of items) {
      const li = el(doc, 'li');
      const href = safeHref(item.link);
      li.append(
        href
          ? el(doc, 'a', { href, target: '_blank', rel: 'noopener noreferrer' }, item.readableId)
          : el(doc, 'span', {}, item.readableId),
      );
      if (item.from === 'tag')
        li.append(el(doc, 'span', { class: 'muted' }, ' (Intel Exchange tag)'));
      list.append(li);
    }
  }

  let asking = 0;
  async function refresh(): Promise<void> {
    const ticket = ++asking;
    try {
      const { items } = await deps.send('overlay.incidents', deps.object);
      if (ticket === asking && !signal.aborted) draw(items);
    } catch {
      if (ticket === asking && !signal.aborted)
        list.replaceChildren(el(doc, 'li', { class: 'muted' }, 'Could not load'));
    }
  }

  button.addEventListener(
    'click',
    () => {
      button.disabled = true;
      status.className = 'muted';
      status.textContent = '';
      deps
        .send('overlay.review', deps.review ?? { objects: [deps.object], entry: 'object' })
        .then(({ started, reason }) => {
          if (!started) {
            status.className = 'error';
            status.textContent = reason ?? 'The review could not start.';
          }
        })
        .catch((error: unknown) => {
          status.className = 'error';
          status.textContent =
            error instanceof Error ? error.message : 'The review could not start.';
        })
        .finally(() => {
          button.disabled = false;
        });
    },
    { signal },
  );

  if (deps.anchor) deps.anchor.append(element);
  else doc.documentElement.append(element);
  const unsubscribe = deps.onHistoryChange(() => void refresh());
  signal.addEventListener('abort', () => {
    unsubscribe();
    element.remove();
  });
  void refresh();
  void deps.unusable?.then((reason) => {
    if (reason === null || signal.aborted) return;
    button.disabled = true;
    button.setAttribute('aria-describedby', 'why');
    status.id = 'why';
    status.className = 'muted';
    status.textContent = reason;
  });
}

/** Only http(s) links are drawn as links. */
export function safeHref(link: string | undefined): string | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
