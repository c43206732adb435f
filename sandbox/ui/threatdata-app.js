// The sandbox's Intel Exchange UI: a small single-page app served as a plain script
// (no bundler). It reads the sandbox's unsigned UI data endpoints (/ctix/ui-api/...), navigates
// with history.pushState and back/forward, and renders the list as a window of rows that are
// created and removed as you scroll. Seed data holds XSS payloads: every value goes through
// textContent or setAttribute, never through HTML parsing.
(() => {
  'use strict';

  const LIST_PATH = '/ctix/threatdata';
  const API = '/ctix/ui-api/threat-data/';
  const ROW_HEIGHT = 36;
  const OVERSCAN = 6;
  /** Rows drawn when the viewport has no layout (a DOM without rendering, e.g. in unit tests). */
  const FALLBACK_VIEWPORT = 600;

  const root = document.getElementById('app');
  if (!root) return;
  const app = root;

  /** @type {Map<string, any>} list data by `rows` parameter */
  const listCache = new Map();
  let renderToken = 0;
  /** @type {(() => void) | null} */
  let teardown = null;
  /** @type {HTMLElement | null} scroll container of the list being shown */
  let listViewport = null;

  /**
   * @param {string} tag
   * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
   * @param {...(Node | string | number | null | undefined | false)} children
   */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs ?? {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') el.className = String(value);
      else el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      el.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
    }
    return el;
  }

  const objectPath = (/** @type {{type: string, id: string}} */ o) =>
    `${LIST_PATH}/${encodeURIComponent(o.type)}/${encodeURIComponent(o.id)}`;

  /** @param {URL} url */
  function parseRoute(url) {
    const parts = url.pathname.replace(/\/+$/, '').split('/').slice(1);
    if (parts[0] !== 'ctix') return null;
    const container = containers.parse(parts.slice(1));
    if (container) return container;
    if (parts.length === 1 || (parts[1] === 'threatdata' && parts.length === 2)) {
      return { kind: 'list' };
    }
    if (parts[1] !== 'threatdata' || parts.length < 4 || parts.length > 5) return null;
    const tab = parts[4] ?? 'basic-details';
    if (tab !== 'basic-details' && tab !== 'relations') return null;
    try {
      return {
        kind: 'object',
        type: decodeURIComponent(parts[2] ?? ''),
        id: decodeURIComponent(parts[3] ?? ''),
        tab,
      };
    } catch {
      return null;
    }
  }

  /** @param {string} path */
  async function fetchJson(path) {
    const res = await fetch(path, { headers: { accept: 'application/json' } });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  }

  function setView(/** @type {string} */ view, /** @type {Node[]} */ nodes) {
    if (teardown) teardown();
    teardown = null;
    listViewport = null;
    containers.closeMenus();
    app.replaceChildren(...nodes);
    app.dataset.view = view;
    app.removeAttribute('aria-busy');
    markSection();
  }

  /** The header's link for the section being shown carries aria-current, as in the product. */
  function markSection() {
    const section = location.pathname.split('/')[2] || 'threatdata';
    for (const a of document.querySelectorAll('.app-header nav a')) {
      const current = a instanceof HTMLAnchorElement && a.pathname.split('/')[2] === section;
      if (current) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  function showLoading() {
    app.setAttribute('aria-busy', 'true');
    app.dataset.view = 'loading';
  }

  // ---- navigation ------------------------------------------------------------------------

  /** Remember where the list was scrolled, so back returns to the same rows. */
  function saveScroll() {
    if (!listViewport) return;
    history.replaceState(
      { ...history.state, listScroll: listViewport.scrollTop },
      '',
      location.href,
    );
  }

  /** @param {string} href */
  function navigate(href) {
    saveScroll();
    history.pushState({}, '', href);
    void render();
  }

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target : null;
    const a = target?.closest('a[href]');
    if (!(a instanceof HTMLAnchorElement)) return;
    if ((a.target && a.target !== '_self') || a.hasAttribute('download')) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin || !parseRoute(url)) return;
    event.preventDefault();
    if (url.href !== location.href) navigate(url.href);
  });

  window.addEventListener('popstate', () => void render());

  // ---- list ------------------------------------------------------------------------------

  /** @param {any} o */
  function flagsOf(o) {
    return [
      o.is_false_positive ? 'false positive' : '',
      o.is_whitelisted ? 'allowed' : '',
      o.is_deprecated ? 'deprecated' : '',
    ].filter(Boolean);
  }

  function tlpBadge(/** @type {string} */ tlp) {
    return h('span', { class: `tlp tlp-${tlp.toLowerCase().replace(/[^a-z]+/g, '-')}` }, tlp);
  }

  /** @param {any} o @param {number} index */
  function buildRow(o, index) {
    const menuButton = h(
      'button',
      {
        type: 'button',
        class: 'row-menu-button',
        'aria-haspopup': 'menu',
        'aria-expanded': 'false',
        'aria-label': `More actions for ${o.name}`,
        'data-testid': 'row-menu-button',
      },
      '⋯',
    );
    const row = h(
      'div',
      {
        role: 'row',
        class: 'td-row',
        'aria-rowindex': index + 2,
        'data-testid': 'threat-data-row',
      },
      h('span', { role: 'cell', class: 'td-name' }, h('a', { href: objectPath(o) }, o.name)),
      h('span', { role: 'cell' }, o.type),
      h('span', { role: 'cell' }, o.ioc_type ?? ''),
      h('span', { role: 'cell', class: 'td-num' }, o.confidence_score),
      h('span', { role: 'cell' }, tlpBadge(o.tlp)),
      h('span', { role: 'cell', class: 'td-flags' }, flagsOf(o).join(', ')),
      h('span', { role: 'cell', class: 'td-actions' }, menuButton),
    );
    row.style.top = `${index * ROW_HEIGHT}px`;
    return row;
  }

  /**
   * Show object `o` (list index `index`) in an existing row element, as a recycling virtual
   * list does: the element stays, its link and cells change.
   * @param {HTMLElement} row @param {any} o @param {number} index
   */
  function refillRow(row, o, index) {
    const cells = row.querySelectorAll(':scope > [role=cell]');
    const link = cells[0]?.querySelector('a[href]');
    if (link) {
      link.setAttribute('href', objectPath(o));
      link.textContent = o.name;
    }
    const texts = [o.type, o.ioc_type ?? '', String(o.confidence_score)];
    texts.forEach((text, i) => {
      const cell = cells[i + 1];
      if (cell) cell.textContent = text;
    });
    cells[4]?.replaceChildren(tlpBadge(o.tlp));
    if (cells[5]) cells[5].textContent = flagsOf(o).join(', ');
    cells[6]
      ?.querySelector('.row-menu-button')
      ?.setAttribute('aria-label', `More actions for ${o.name}`);
    row.setAttribute('aria-rowindex', String(index + 2));
    row.style.top = `${index * ROW_HEIGHT}px`;
  }

  /**
   * Draw the rows in (and just around) the viewport. `mode` (the list's `?list=` parameter):
   * - `windowed` (default): rows leaving the window are removed and new elements created, so a
   *   row element never changes which object it shows;
   * - `recycled`: row elements leaving the window are reused for the rows coming in (their
   *   link's href and text change in place), like vue-virtual-scroller;
   * - `full`: every row is drawn once, no windowing (a tenant list that is not virtual).
   * @param {HTMLElement} viewport @param {HTMLElement} body @param {any[]} items
   * @param {string} mode
   */
  function createWindow(viewport, body, items, mode) {
    /** @type {Map<number, HTMLElement>} */
    const rendered = new Map();
    let frame = 0;
    body.style.height = `${items.length * ROW_HEIGHT}px`;
    const update = () => {
      frame = 0;
      const height = viewport.clientHeight || FALLBACK_VIEWPORT;
      const first =
        mode === 'full' ? 0 : Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
      const last =
        mode === 'full'
          ? items.length
          : Math.min(
              items.length,
              Math.ceil((viewport.scrollTop + height) / ROW_HEIGHT) + OVERSCAN,
            );
      /** @type {HTMLElement[]} */
      const free = [];
      for (const [i, el] of rendered) {
        if (i < first || i >= last) {
          rendered.delete(i);
          if (mode === 'recycled') free.push(el);
          else el.remove();
        }
      }
      // The kept rows are one contiguous run; new rows go before or after it, in order.
      const kept = [...rendered.keys()];
      const low = kept.length ? Math.min(...kept) : last;
      const before = document.createDocumentFragment();
      const after = document.createDocumentFragment();
      for (let i = first; i < last; i++) {
        if (rendered.has(i)) continue;
        const reused = free.pop();
        if (reused) {
          refillRow(reused, items[i], i);
          rendered.set(i, reused);
          continue;
        }
        const el = buildRow(items[i], i);
        rendered.set(i, el);
        (i < low ? before : after).append(el);
      }
      for (const el of free) el.remove();
      body.prepend(before);
      body.append(after);
    };
    const onScroll = () => {
      closeMenu();
      if (mode !== 'full' && !frame) frame = requestAnimationFrame(update);
    };
    viewport.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    update();
    return () => {
      if (frame) cancelAnimationFrame(frame);
      viewport.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }

  // One row menu at a time, opened by the row's "⋯" button.
  /** @type {{ menu: HTMLElement, button: HTMLElement } | null} */
  let openMenu = null;

  function closeMenu() {
    if (!openMenu) return;
    openMenu.button.setAttribute('aria-expanded', 'false');
    openMenu.menu.remove();
    openMenu = null;
  }

  /** @param {HTMLElement} button @param {any} o */
  function showMenu(button, o) {
    closeMenu();
    const status = document.getElementById('sandbox-status');
    const inert = (/** @type {string} */ label) => {
      const item = h('button', { type: 'button', role: 'menuitem' }, label);
      item.addEventListener('click', () => {
        if (status) status.textContent = `${label}: not available in the sandbox.`;
        closeMenu();
      });
      return item;
    };
    const menu = h(
      'div',
      { role: 'menu', class: 'row-menu', 'aria-label': `Actions for ${o.name}` },
      h('a', { role: 'menuitem', href: objectPath(o) }, 'View details'),
      inert('Add Tag'),
      inert('Mark as False Positive'),
      inert('Deprecate'),
    );
    const rect = button.getBoundingClientRect();
    menu.style.top = `${Math.round(rect.bottom + 2)}px`;
    menu.style.left = `${Math.round(Math.max(4, rect.right - 200))}px`;
    button.setAttribute('aria-expanded', 'true');
    button.after(menu);
    openMenu = { menu, button };
    menu.querySelector('[role=menuitem]')?.focus();
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest('.row-menu-button');
    if (button instanceof HTMLElement) {
      if (openMenu?.button === button) {
        closeMenu();
        return;
      }
      const href = button.closest('[role=row]')?.querySelector('a[href]')?.getAttribute('href');
      const route = href ? parseRoute(new URL(href, location.href)) : null;
      const name = button.closest('[role=row]')?.querySelector('a[href]')?.textContent ?? '';
      if (route?.kind === 'object') showMenu(button, { type: route.type, id: route.id, name });
      return;
    }
    // A click elsewhere closes the menu; so does choosing an item in it (ours or one a tenant
    // script added), after the item's own handlers have run.
    if (openMenu && target !== openMenu.menu) closeMenu();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && openMenu) {
      const { button } = openMenu;
      closeMenu();
      button.focus();
    }
  });

  /** @param {any} data @param {URL} url */
  function listView(data, url) {
    const typeSelect = h(
      'select',
      { name: 'type', 'data-testid': 'type-filter' },
      h('option', { value: '' }, 'All types'),
      ...data.types.map((/** @type {string} */ t) => h('option', { value: t }, t)),
    );
    const search = h('input', {
      type: 'search',
      name: 'q',
      placeholder: 'Search by name or value',
      autocomplete: 'off',
      'data-testid': 'search',
    });
    if (!(typeSelect instanceof HTMLSelectElement) || !(search instanceof HTMLInputElement)) {
      throw new Error('form controls');
    }
    const listMode = ['recycled', 'full'].includes(url.searchParams.get('list') ?? '')
      ? url.searchParams.get('list')
      : 'windowed';
    typeSelect.value = url.searchParams.get('type') ?? '';
    search.value = url.searchParams.get('q') ?? '';
    const count = h('p', { class: 'td-count', 'aria-live': 'polite' });
    const body = h('div', { role: 'rowgroup', class: 'td-body' });
    const viewport = h(
      'div',
      { class: 'td-viewport', tabindex: '0', 'data-testid': 'threat-data-viewport' },
      body,
    );
    const table = h(
      'div',
      { role: 'table', class: 'td-table', 'aria-label': 'Threat data objects' },
      h(
        'div',
        { role: 'rowgroup', class: 'td-head' },
        h(
          'div',
          { role: 'row', class: 'td-row td-header', 'aria-rowindex': 1 },
          ...['Name', 'Type', 'IOC type', 'Confidence', 'TLP', 'Flags', 'Actions'].map((c) =>
            h('span', { role: 'columnheader' }, c),
          ),
        ),
      ),
      viewport,
    );
    const section = h(
      'section',
      {
        class: 'threat-data-list',
        'aria-labelledby': 'td-title',
        'data-testid': 'threat-data-list',
      },
      h('h1', { id: 'td-title' }, 'Threat Data'),
      h(
        'form',
        { role: 'search', class: 'td-toolbar' },
        h('label', {}, 'Type ', typeSelect),
        h('label', {}, 'Search ', search),
      ),
      count,
      table,
    );

    let stopWindow = () => {};
    const apply = () => {
      const type = typeSelect.value;
      const q = search.value.trim().toLowerCase();
      const items = data.results.filter(
        (/** @type {any} */ o) =>
          (!type || o.type === type) && (!q || o.name.toLowerCase().includes(q)),
      );
      count.textContent = `${items.length.toLocaleString('en-US')} of ${data.total.toLocaleString('en-US')} objects`;
      table.setAttribute('aria-rowcount', String(items.length + 1));
      stopWindow();
      closeMenu();
      body.replaceChildren();
      stopWindow = createWindow(viewport, body, items, listMode);
    };
    const syncUrl = () => {
      const next = new URL(location.href);
      for (const [key, value] of [
        ['type', typeSelect.value],
        ['q', search.value.trim()],
      ]) {
        if (value) next.searchParams.set(key, value);
        else next.searchParams.delete(key);
      }
      history.replaceState({ ...history.state, listScroll: 0 }, '', next.href);
    };
    let debounce = 0;
    typeSelect.addEventListener('change', () => {
      viewport.scrollTop = 0;
      syncUrl();
      apply();
    });
    search.addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = window.setTimeout(() => {
        viewport.scrollTop = 0;
        syncUrl();
        apply();
      }, 150);
    });
    section.addEventListener('submit', (event) => event.preventDefault());
    return {
      node: section,
      viewport,
      start: () => {
        apply();
        return () => {
          clearTimeout(debounce);
          stopWindow();
          closeMenu();
        };
      },
    };
  }

  /** @param {URL} url @param {number} token */
  async function renderList(url, token) {
    const rows = url.searchParams.get('rows') ?? '';
    let data = listCache.get(rows);
    if (!data) {
      showLoading();
      data = await fetchJson(`${API}${rows ? `?rows=${encodeURIComponent(rows)}` : ''}`);
      if (token !== renderToken) return;
      listCache.set(rows, data);
    }
    document.title = 'Threat Data | Intel Exchange';
    const view = listView(data, url);
    setView('list', [view.node]);
    const stop = view.start();
    listViewport = view.viewport;
    teardown = stop;
    const scroll = history.state?.listScroll;
    if (typeof scroll === 'number' && scroll > 0) view.viewport.scrollTop = scroll;
  }

  // ---- object page -----------------------------------------------------------------------

  const time = (/** @type {number | null} */ s) =>
    s === null || s === undefined ? '' : new Date(s * 1000).toISOString();

  /** @param {[string, Node | string | number | null][]} entries */
  function details(entries) {
    const dl = h('dl', {});
    for (const [term, value] of entries) {
      if (value === null || value === '') continue;
      dl.append(h('dt', {}, term), h('dd', {}, value));
    }
    return dl;
  }

  /** @param {any} data @param {{type: string, id: string, tab: string}} route */
  function objectView(data, route) {
    const o = data.object;
    const base = objectPath(o);
    const status = document.getElementById('sandbox-status');
    const quick = (/** @type {string} */ label) => {
      const button = h('button', { type: 'button', class: 'quick-action' }, label);
      button.addEventListener('click', () => {
        if (status) status.textContent = `${label}: not available in the sandbox.`;
      });
      return h('li', {}, button);
    };
    const tags = h('ul', { class: 'tag-list', 'data-testid': 'object-tags' });
    for (const t of o.tags) tags.append(h('li', { class: 'tag' }, t.name));
    const tab = (/** @type {string} */ name, /** @type {string} */ label) =>
      h(
        'a',
        {
          href: `${base}/${name}`,
          class: 'tab',
          'aria-current': route.tab === name ? 'page' : null,
        },
        label,
      );
    const basic = h(
      'section',
      { class: 'panel basic-details', 'aria-labelledby': 'basic-details-title' },
      h('h2', { id: 'basic-details-title' }, 'Basic Details'),
      details([
        ['Type', o.type],
        [o.type === 'indicator' ? 'Value' : 'Name', o.name],
        ['IOC type', o.ioc_type ?? null],
        ['Confidence', o.confidence_score],
        ['TLP', tlpBadge(o.tlp)],
        ['Description', o.description],
        ['Sources', o.sources.map((/** @type {any} */ s) => s.name).join(', ')],
        ['Tags', o.tags.length ? tags : h('span', { class: 'muted' }, 'No tags')],
        ['Created', time(o.created)],
        ['Modified', time(o.modified)],
        ['Valid until', time(o.valid_until)],
        ['Flags', flagsOf(o).join(', ')],
      ]),
    );
    const relationList = h('ul', { class: 'relation-list' });
    for (const r of data.relations) {
      relationList.append(
        h(
          'li',
          {},
          `${r.relationship_type}: `,
          h('a', { href: objectPath(r.target) }, r.target.name),
          ` (${r.target.ioc_type ?? r.target.type})`,
        ),
      );
    }
    const relations = h(
      'section',
      { class: 'panel relations', 'aria-labelledby': 'relations-title' },
      h('h2', { id: 'relations-title' }, `Relations (${data.relations_total})`),
      relationList,
      data.relations_total > data.relations.length
        ? h('p', { class: 'muted' }, `Showing the first ${data.relations.length}.`)
        : null,
    );
    return h(
      'article',
      { class: 'threat-data-object', 'data-testid': 'threat-data-object' },
      h(
        'nav',
        { class: 'breadcrumb', 'aria-label': 'Breadcrumb' },
        h('a', { href: LIST_PATH }, 'Threat Data'),
        ' › ',
        h('a', { href: `${LIST_PATH}?type=${encodeURIComponent(o.type)}` }, o.type),
      ),
      h('h1', { class: 'object-name' }, o.name),
      h(
        'div',
        { class: 'object-layout' },
        h(
          'div',
          { class: 'object-main' },
          h(
            'nav',
            { class: 'tabs', 'aria-label': 'Object sections' },
            tab('basic-details', 'Basic Details'),
            tab('relations', `Relations (${data.relations_total})`),
          ),
          route.tab === 'relations' ? relations : basic,
        ),
        h(
          'aside',
          {
            class: 'panel quick-actions',
            'aria-labelledby': 'quick-actions-title',
            'data-testid': 'quick-actions',
          },
          h('h2', { id: 'quick-actions-title' }, 'Quick Actions'),
          h(
            'ul',
            { class: 'quick-action-list' },
            quick('Add Tag'),
            quick('Mark as False Positive'),
            quick('Deprecate'),
            quick('Add to Watchlist'),
          ),
        ),
      ),
    );
  }

  /** @param {{type: string, id: string, tab: string}} route @param {number} token */
  async function renderObject(route, token) {
    showLoading();
    const data = await fetchJson(
      `${API}${encodeURIComponent(route.type)}/${encodeURIComponent(route.id)}/`,
    );
    if (token !== renderToken) return;
    if (!data) {
      document.title = 'Not found | Intel Exchange';
      setView('not-found', [
        h('h1', {}, 'Object not found'),
        h('p', {}, `No ${route.type} with ID ${route.id}.`),
        h('p', {}, h('a', { href: LIST_PATH }, 'Back to Threat Data')),
      ]);
      return;
    }
    document.title = `${data.object.name} | Intel Exchange`;
    setView('object', [objectView(data, route)]);
  }

  async function render() {
    const token = ++renderToken;
    const url = new URL(location.href);
    const route = parseRoute(url);
    try {
      if (route?.kind === 'object') await renderObject(route, token);
      else if (route && route.kind !== 'list') await containers.render(route, token);
      else await renderList(url, token);
    } catch (error) {
      if (token !== renderToken) return;
      setView('error', [
        h('h1', {}, 'Something went wrong'),
        h('p', {}, String(error instanceof Error ? error.message : error)),
      ]);
    }
  }

  // Bulletins and investigations (sandbox/ui/containers-app.js, served in this same scope).
  const containers = createContainerViews({
    h,
    fetchJson,
    setView,
    showLoading,
    details,
    time,
    objectPath,
    isCurrent: (/** @type {number} */ token) => token === renderToken,
  });

  void render();
})();
