import { createRouteMatcher } from '../../routes/match';
import type { CtixObjectRef } from '../../model/overlay';
import type { PageRoutes } from '../../settings/schema';
import type { Send } from './bridge';
import { createHost, el, isOurs } from './host';
import type { Selection } from './selection';

/**
 * The threat data list: a checkbox and the action on every row, found by its link to an object
 * page (the route table says what an object link is), never by the tenant's class names. One
 * MutationObserver for the whole page; the rows it reports are handled once per animation
 * frame, reads before writes; our own hosts are ignored.
 */

export interface ListDeps {
  doc: Document;
  send: Send;
  routes: PageRoutes;
  label: string;
  selection: Selection;
  signal: AbortSignal;
}

// nowrap on the host too: the row's cell may be nowrap, but a host reset by "all: initial"
// would otherwise offer a line break between our controls and the object's name.
const CSS = `
:host { white-space: nowrap; }
.row { display: inline-flex; gap: 6px; align-items: center; white-space: nowrap; margin-inline-end: 8px; vertical-align: middle; }
input { margin: 0; width: 16px; height: 16px; }
button { padding: 1px 8px; font-size: 12px; }
.error { font-size: 12px; }
`;

/** Main-thread time per frame for decorating rows; the rest waits for the next frame. */
const FRAME_BUDGET_MS = 6;

/** Enough for a screen or two of rows; more would only hold memory. */
const MAX_SPARE = 100;

interface RowHost {
  element: HTMLElement;
  bind(ref: CtixObjectRef): void;
  sync(): void;
}

export function decorateList(deps: ListDeps) {
  const { doc, signal, selection } = deps;
  const hosts = new Map<Element, RowHost>();
  // Hosts of rows the page removed, for the rows it adds next: a windowed list swaps rows on
  // every scroll step, and a new shadow root per new row is most of what a step would cost us.
  const spare: RowHost[] = [];
  const matcher = createRouteMatcher(deps.routes, doc.location.origin);

  function refOf(link: HTMLAnchorElement): CtixObjectRef | null {
    // The element has parsed its URL already; parsing it again per row showed in the profile.
    const match = matcher.matchParts(link.protocol, link.origin, link.pathname);
    const { type, id } = match?.params ?? {};
    return match?.kind === 'threatData' && type && id ? { type, id } : null;
  }

  function rowOf(link: Element): Element | null {
    return link.closest('[role=row], tr, li') ?? link.parentElement;
  }

  /** The row's object: its first link to an object page (a row may link related objects). */
  function rowLink(row: Element): { ref: CtixObjectRef; link: HTMLAnchorElement } | null {
    for (const link of row.querySelectorAll<HTMLAnchorElement>('a[href]')) {
      const ref = refOf(link);
      if (ref) return { ref, link };
    }
    return null;
  }

  /**
   * Where a row's controls go: at the start of the cell that holds the object's link, so a
   * table keeps its columns (a host appended to the row itself is one more cell than the
   * header has, and a grid or table row then shifts every column); the row itself when the
   * link is in no cell (a list item).
   */
  function placeFor(row: Element, link: Element): Element {
    const cell = link.closest('[role=cell], [role=gridcell], td');
    return cell && cell !== row && row.contains(cell) ? cell : row;
  }

  function createRowHost(): RowHost {
    const { element, root } = createHost(doc, 'row', CSS);
    const box = el(doc, 'input', { type: 'checkbox' });
    const button = el(doc, 'button', { type: 'button' }, deps.label);
    const error = el(doc, 'span', { class: 'error', role: 'status' });
    const wrap = el(doc, 'span', { class: 'row' });
    wrap.append(box, button, error);
    root.append(wrap);
    let ref: CtixObjectRef | null = null;
    box.addEventListener('change', () => ref && selection.set([ref], box.checked), { signal });
    button.addEventListener(
      'click',
      () => {
        if (!ref) return;
        error.textContent = '';
        void deps
          .send('overlay.review', { objects: [ref], entry: 'row' })
          .then(({ started, reason }) => {
            if (!started) error.textContent = reason ?? 'The review could not start.';
          })
          .catch((e: unknown) => {
            error.textContent = e instanceof Error ? e.message : 'The review could not start.';
          });
      },
      { signal },
    );
    return {
      element,
      bind(next) {
        if (ref && ref.type === next.type && ref.id === next.id) {
          box.checked = selection.has(next);
          return;
        }
        ref = next;
        error.textContent = '';
        box.setAttribute('aria-label', `Select ${next.type} ${next.id}`);
        button.setAttribute('aria-label', `${deps.label}: ${next.type} ${next.id}`);
        box.checked = selection.has(next);
      },
      sync() {
        if (ref) box.checked = selection.has(ref);
      },
    };
  }

  const pending = new Set<Element>();
  let frame = 0;

  function flush(): void {
    frame = 0;
    // A frame's worth at a time: decorating a whole screen of rows in one task, plus the
    // layout the page's rows then need, made a long task on first load and on SPA navigation
    // (bench/overlay.bench.ts). Only attributes are read here, never layout, so reading and
    // writing row by row does not thrash.
    const started = performance.now();
    let done = 0;
    for (const row of pending) {
      pending.delete(row);
      if (row.isConnected) decorate(row, rowLink(row));
      done++;
      if (done % 4 === 0 && performance.now() - started > FRAME_BUDGET_MS) break;
    }
    // Rows the page removed give their hosts back.
    for (const [row, host] of hosts) if (!row.isConnected) release(row, host);
    if (pending.size > 0) frame = requestAnimationFrame(flush);
  }

  function decorate(row: Element, found: ReturnType<typeof rowLink>): void {
    let host = hosts.get(row);
    if (!found) {
      if (host) release(row, host);
      return;
    }
    if (!host) {
      host = spare.pop() ?? createRowHost();
      hosts.set(row, host);
    }
    const place = placeFor(row, found.link);
    if (host.element.parentNode !== place) {
      if (place === row) row.append(host.element);
      else place.prepend(host.element);
    }
    host.bind(found.ref);
  }

  function release(row: Element, host: RowHost): void {
    host.element.remove();
    hosts.delete(row);
    if (spare.length < MAX_SPARE) spare.push(host);
  }

  function queueRowsIn(node: Node): void {
    if (!(node instanceof Element) || isOurs(node)) return;
    if (node instanceof HTMLAnchorElement) {
      const row = rowOf(node);
      if (row) pending.add(row);
    }
    for (const link of node.querySelectorAll('a[href]')) {
      const row = rowOf(link);
      if (row) pending.add(row);
    }
    const row = node.closest('[role=row], tr, li');
    if (row) pending.add(row);
  }

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') queueRowsIn(record.target);
      else for (const node of record.addedNodes) queueRowsIn(node);
    }
    if (pending.size > 0 && !frame) frame = requestAnimationFrame(flush);
  });
  observer.observe(doc.body ?? doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href'],
  });
  queueRowsIn(doc.body ?? doc.documentElement);
  // In the next frame, not in the task that started the script (already its longest).
  if (pending.size > 0) frame = requestAnimationFrame(flush);
  const unsubscribe = selection.subscribe(() => hosts.forEach((h) => h.sync()));

  signal.addEventListener('abort', () => {
    observer.disconnect();
    cancelAnimationFrame(frame);
    unsubscribe();
    hosts.forEach((h) => h.element.remove());
    hosts.clear();
    spare.length = 0;
  });

  return {
    /** The objects of the rows on screen now (select all visible). */
    visible(): CtixObjectRef[] {
      const refs: CtixObjectRef[] = [];
      for (const row of hosts.keys()) {
        const found = rowLink(row);
        if (found) refs.push(found.ref);
      }
      return refs;
    },
  };
}
