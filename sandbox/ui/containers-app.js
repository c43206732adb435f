// Bulletin and investigation views of the sandbox's Intel Exchange app (issue 12). This file is
// not a script of its own: sandbox/ui/shell.ts serves it inside the same function scope as
// threatdata-app.js, which calls createContainerViews with its helpers, so both page families
// are one single-page app with one router. Like the rest of the app, every value goes through
// textContent or setAttribute (the seed holds XSS payloads in titles and descriptions).

/* exported createContainerViews */
// oxlint-disable-next-line no-unused-vars -- called by threatdata-app.js in the served script
function createContainerViews(/** @type {any} */ kit) {
  const { h, fetchJson, setView, showLoading, details, time, objectPath, isCurrent } = kit;
  const API = '/ctix/ui-api/';
  const BULLETINS = '/ctix/threat-bulletin';
  const INVESTIGATIONS = '/ctix/threat-investigation';

  /** The page's own "⋯" menus and the canvas's right-click menu: one open at a time. */
  /** @type {HTMLElement | null} */
  let openMenu = null;
  function closeMenus() {
    if (!openMenu) return;
    openMenu.hidden = true;
    document
      .querySelector(`[aria-controls="${openMenu.id}"]`)
      ?.setAttribute('aria-expanded', 'false');
    openMenu = null;
  }
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const toggle = target?.closest('[aria-haspopup=menu][aria-controls]');
    const menu = toggle
      ? document.getElementById(toggle.getAttribute('aria-controls') ?? '')
      : null;
    if (toggle && menu?.classList.contains('page-menu')) {
      const wasOpen = openMenu === menu;
      closeMenus();
      if (!wasOpen) {
        menu.hidden = false;
        toggle.setAttribute('aria-expanded', 'true');
        openMenu = menu;
      }
      return;
    }
    if (openMenu && !openMenu.contains(target)) closeMenus();
  });
  document.addEventListener('contextmenu', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const node = target?.closest('.canvas-node');
    const menu = document.getElementById('node-menu');
    if (!(node instanceof HTMLElement) || !menu) return;
    event.preventDefault();
    closeMenus();
    menu.dataset.nodeId = node.dataset.nodeId ?? '';
    menu.style.left = `${event.pageX}px`;
    menu.style.top = `${event.pageY}px`;
    menu.hidden = false;
    openMenu = menu;
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeMenus();
  });

  /** @param {string} label */
  function inertItem(label) {
    const item = h('button', { type: 'button', role: 'menuitem' }, label);
    item.addEventListener('click', () => {
      const status = document.getElementById('sandbox-status');
      if (status) status.textContent = `${label}: not available in the sandbox.`;
      closeMenus();
    });
    return h('li', { role: 'none' }, item);
  }

  /** @param {string} title @param {string} what */
  function notFound(title, what) {
    document.title = 'Not found | Intel Exchange';
    setView('not-found', [h('h1', {}, title), h('p', {}, what)]);
  }

  /** @param {string} path @param {number} token */
  async function load(path, token) {
    showLoading();
    const data = await fetchJson(`${API}${path}`);
    return isCurrent(token) ? { data } : null;
  }

  /** @param {string} status */
  const statusBadge = (status) =>
    h('span', { class: `status ${status}` }, status === 'draft' ? 'Draft' : 'Published');

  /**
   * A list page of bulletins or investigations: one link per item, and what follows it.
   * @param {number} token
   * @param {{ api: string, title: string, view: string, base: string,
   *   label: (x: any) => string, after: (x: any) => Node | string }} kind
   */
  async function renderList(token, kind) {
    const got = await load(kind.api, token);
    if (!got) return;
    document.title = `${kind.title} | Intel Exchange`;
    const list = h('ul', { class: 'container-list' });
    for (const x of got.data.results) {
      const href = `${kind.base}/${encodeURIComponent(x.id)}`;
      list.append(h('li', {}, h('a', { href }, kind.label(x)), ' ', kind.after(x)));
    }
    setView(kind.view, [h('h1', {}, kind.title), list]);
  }

  // ---- bulletins ---------------------------------------------------------------------------

  /** @param {number} token */
  const renderBulletinList = (token) =>
    renderList(token, {
      api: 'bulletins/',
      title: 'Threat Bulletins',
      view: 'bulletins',
      base: BULLETINS,
      label: (b) => b.title,
      after: (b) => statusBadge(b.status),
    });

  /** @param {string} id @param {number} token */
  async function renderBulletin(id, token) {
    const got = await load(`bulletins/${encodeURIComponent(id)}/`, token);
    if (!got) return;
    const b = got.data;
    if (!b) return notFound('Bulletin not found', `No threat bulletin with ID ${id}.`);
    document.title = `${b.title} | Intel Exchange`;
    const menuButton = h(
      'button',
      {
        type: 'button',
        'aria-haspopup': 'menu',
        'aria-expanded': 'false',
        'aria-controls': 'bulletin-menu',
        'aria-label': 'More actions',
      },
      '⋯',
    );
    const menu = h(
      'ul',
      { role: 'menu', id: 'bulletin-menu', class: 'page-menu', hidden: true },
      inertItem('Edit'),
      inertItem('Export as PDF'),
    );
    setView('bulletin', [
      h(
        'article',
        { class: 'threat-bulletin' },
        h(
          'div',
          { class: 'title-row' },
          h('h1', { class: 'bulletin-title' }, b.title),
          statusBadge(b.status),
          h('div', { class: 'bulletin-menu' }, menuButton, menu),
        ),
        details([
          ['Status', b.status],
          ['TLP', b.tlp],
          ['Published', b.published_on ? time(b.published_on) : 'not published'],
          [
            'Report',
            b.report ? h('a', { href: objectPath(b.report) }, b.report.name) : b.report_id,
          ],
        ]),
        h('h2', {}, 'Description (source HTML, shown as text)'),
        h('pre', { class: 'bulletin-description' }, b.description),
      ),
    ]);
  }

  // ---- investigations ----------------------------------------------------------------------

  /** @param {number} token */
  const renderInvestigationList = (token) =>
    renderList(token, {
      api: 'investigations/',
      title: 'Threat Investigations',
      view: 'investigations',
      base: INVESTIGATIONS,
      label: (c) => c.name,
      after: (c) => `(${c.nodes} nodes)`,
    });

  /**
   * Nodes on a circle, like a chart library's HTML labels; a big canvas (1,000 nodes) on a grid
   * instead, and its canvas scrolls.
   * @param {any[]} nodes
   */
  function layout(nodes) {
    const grid = nodes.length > 60;
    return {
      grid,
      at: (/** @type {number} */ i) => {
        if (grid) return { x: 8 + (i % 4) * 160, y: 8 + Math.floor(i / 4) * 28 };
        const angle = (2 * Math.PI * i) / Math.max(1, nodes.length);
        return {
          x: Math.round(330 + 270 * Math.cos(angle)),
          y: Math.round(250 + 220 * Math.sin(angle)),
        };
      },
    };
  }

  /** @param {string} id @param {number} token */
  async function renderInvestigation(id, token) {
    const got = await load(`investigations/${encodeURIComponent(id)}/`, token);
    if (!got) return;
    const c = got.data;
    if (!c) return notFound('Investigation not found', `No threat investigation with ID ${id}.`);
    document.title = `${c.name} | Intel Exchange`;
    const { grid, at } = layout(c.nodes);
    const canvas = h('div', {
      class: `canvas${grid ? ' canvas-grid' : ''}`,
      role: 'application',
      'aria-label': 'Investigation canvas',
    });
    c.nodes.forEach((/** @type {any} */ n, /** @type {number} */ i) => {
      const node = h(
        'div',
        {
          class: 'canvas-node',
          tabindex: '0',
          'data-node-id': n.id,
          'data-object-type': n.object_type ?? '',
          title: n.t,
        },
        n.t,
      );
      const { x, y } = at(i);
      node.style.left = `${x}px`;
      node.style.top = `${y}px`;
      canvas.append(node);
    });
    setView('investigation', [
      h('h1', { class: 'investigation-name' }, c.name),
      h(
        'div',
        { class: 'layout' },
        canvas,
        h(
          'aside',
          { class: 'investigation-details' },
          h('h2', {}, 'Basic Details'),
          details([
            ['Description', c.description],
            ['Nodes', String(c.nodes.length)],
            ['Links', String(c.links)],
          ]),
        ),
      ),
      h(
        'ul',
        { role: 'menu', id: 'node-menu', class: 'page-menu', hidden: true },
        inertItem('Expand'),
        inertItem('Hide node'),
      ),
    ]);
  }

  /** @param {string[]} parts path segments after `/ctix/` */
  function parse(parts) {
    const [section, id, extra] = parts;
    if (extra !== undefined) return null;
    if (section !== 'threat-bulletin' && section !== 'threat-investigation') return null;
    const family = section === 'threat-bulletin' ? 'bulletin' : 'investigation';
    if (id === undefined) return { kind: `${family}s` };
    try {
      return { kind: family, id: decodeURIComponent(id) };
    } catch {
      return null;
    }
  }

  /** @param {{kind: string, id?: string}} route @param {number} token */
  function render(route, token) {
    if (route.kind === 'bulletins') return renderBulletinList(token);
    if (route.kind === 'bulletin') return renderBulletin(route.id ?? '', token);
    if (route.kind === 'investigations') return renderInvestigationList(token);
    return renderInvestigation(route.id ?? '', token);
  }

  return { parse, render, closeMenus };
}
