import type { Send } from './bridge';
import { createHost, el, isOurs } from './host';

/**
 * An investigation node's own action (issue 12): when the analyst right-clicks a canvas node,
 * a small menu of ours opens beside the pointer with "Create CFTR Incident" for that node. The
 * node is found by its STIX-style node ID (`<object type>--<id>`, what the canvas nodes API
 * calls it) in one of the element's `data-` attributes, never by the tenant's class names; the
 * page's own menu is left alone.
 */

export interface NodeMenuDeps {
  doc: Document;
  send: Send;
  label: string;
  /** The investigation (canvas) ID. */
  canvasId: string;
  signal: AbortSignal;
}

const NODE_ID = /^[a-z][a-z0-9-]{0,63}--[\w.:-]{1,128}$/;

/** The canvas node ID at an event target (links are no nodes), or null. */
export function nodeIdAt(target: EventTarget | null): string | null {
  for (let e = target instanceof Element ? target : null; e; e = e.parentElement) {
    if (isOurs(e)) return null;
    for (const attr of e.attributes) {
      if (!attr.name.startsWith('data-')) continue;
      if (NODE_ID.test(attr.value) && !attr.value.startsWith('relationship--')) return attr.value;
    }
  }
  return null;
}

const CSS = `
.menu { position: fixed; z-index: 2147483646; display: grid; gap: 4px; padding: 6px; border-radius: 8px;
  background: #fff; border: 1px solid #d1d5db; box-shadow: 0 8px 24px rgb(0 0 0 / .18); max-width: 280px; }
.menu[hidden] { display: none; }
@media (prefers-color-scheme: dark) { .menu { background: #111827; border-color: #374151; } }
`;

export function mountNodeMenu(deps: NodeMenuDeps): void {
  const { doc, signal } = deps;
  const { element, root } = createHost(doc, 'node-menu', CSS);
  const menu = el(doc, 'div', {
    class: 'menu',
    role: 'menu',
    'aria-label': 'CFTR Incident Bridge',
  });
  const button = el(
    doc,
    'button',
    { type: 'button', role: 'menuitem', class: 'create' },
    deps.label,
  );
  const status = el(doc, 'span', { role: 'status', class: 'muted' });
  menu.append(button, status);
  menu.hidden = true;
  root.append(menu);
  let node: string | null = null;

  const hide = () => {
    menu.hidden = true;
    node = null;
  };
  doc.addEventListener(
    'contextmenu',
    (event) => {
      const id = nodeIdAt(event.target);
      if (!id) return hide();
      node = id;
      status.textContent = '';
      button.setAttribute('aria-label', `${deps.label}: node ${id}`);
      // Beside the pointer, so the page's own menu stays readable.
      const x = Math.min(event.clientX + 160, doc.documentElement.clientWidth - 290);
      menu.style.left = `${Math.max(0, x)}px`;
      menu.style.top = `${event.clientY}px`;
      menu.hidden = false;
    },
    { signal, capture: true },
  );
  doc.addEventListener(
    'click',
    (event) => {
      if (!event.composedPath().includes(element)) hide();
    },
    { signal, capture: true },
  );
  doc.addEventListener('keydown', (e) => e.key === 'Escape' && hide(), { signal });
  button.addEventListener(
    'click',
    () => {
      if (!node) return;
      const nodes = [node];
      void deps
        .send('overlay.review', { entry: 'investigation', id: deps.canvasId, nodes })
        .then(({ started, reason }) => {
          if (started) hide();
          else status.textContent = reason ?? 'The review could not start.';
        })
        .catch((error: unknown) => {
          status.textContent =
            error instanceof Error ? error.message : 'The review could not start.';
        });
    },
    { signal },
  );
  doc.documentElement.append(element);
  signal.addEventListener('abort', () => element.remove());
}
