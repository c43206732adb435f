import type { Send } from './bridge';
import { createHost, el, formatCount } from './host';
import type { Selection } from './selection';

/**
 * The floating "<label> (N selected)" bar of the list, with select-all-visible and clear. Over
 * the bulk limit it says so at once, instead of failing after the analyst clicked.
 */

export interface BulkBarDeps {
  doc: Document;
  send: Send;
  label: string;
  limit: number;
  selection: Selection;
  visible(): { type: string; id: string }[];
  signal: AbortSignal;
}

const CSS = `
.bar { position: fixed; left: 50%; bottom: 20px; transform: translateX(-50%); z-index: 2147483646;
  display: flex; gap: 8px; align-items: center; padding: 8px 12px; border-radius: 10px;
  background: #fff; border: 1px solid #d1d5db; box-shadow: 0 8px 24px rgb(0 0 0 / .18); }
.bar[hidden] { display: none; }
/* The buttons keep their one-line labels; a long error message is what wraps. */
.bar button { white-space: nowrap; flex: none; }
.bar { width: max-content; max-width: calc(100vw - 24px); }
@media (prefers-color-scheme: dark) { .bar { background: #111827; border-color: #374151; } }
`;

export function mountBulkBar(deps: BulkBarDeps): void {
  const { doc, selection, signal } = deps;
  const { element, root } = createHost(doc, 'bulk', CSS);
  const bar = el(doc, 'div', { class: 'bar', role: 'region', 'aria-label': 'Bulk actions' });
  const create = el(doc, 'button', { type: 'button', class: 'create' });
  const all = el(doc, 'button', { type: 'button', class: 'secondary' }, 'Select all visible');
  const clear = el(doc, 'button', { type: 'button', class: 'secondary' }, 'Clear');
  const status = el(doc, 'span', { role: 'status', class: 'muted' });
  bar.append(create, all, clear, status);
  root.append(bar);

  function draw(): void {
    const n = selection.size;
    bar.hidden = n === 0;
    const over = n > deps.limit;
    create.textContent = `${deps.label} (${formatCount(n)} selected)`;
    create.disabled = over;
    status.className = over ? 'error' : 'muted';
    status.textContent = over
      ? `At most ${formatCount(deps.limit)} objects fit in one incident.`
      : '';
  }

  create.addEventListener(
    'click',
    () => {
      const objects = selection.refs();
      if (objects.length === 0 || objects.length > deps.limit) return;
      create.disabled = true;
      void deps
        .send('overlay.review', { objects, entry: 'bulk' })
        .then(({ started, reason }) => {
          if (started) selection.clear();
          else {
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
          create.disabled = selection.size > deps.limit;
        });
    },
    { signal },
  );
  all.addEventListener('click', () => selection.set(deps.visible(), true), { signal });
  clear.addEventListener('click', () => selection.clear(), { signal });

  doc.documentElement.append(element);
  const unsubscribe = selection.subscribe(draw);
  draw();
  signal.addEventListener('abort', () => {
    unsubscribe();
    element.remove();
  });
}
