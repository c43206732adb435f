// Small stand-ins for the Intel Exchange and Respond web UIs on the default page routes
// (cyware-api.md §4/§5), so the extension's overlay and incident links have something real to
// land on. No signature is needed: these are browser pages, not the Open API. Threat data
// (list and object pages) is a single-page app (sandbox/ui/); bulletins, investigations and
// Respond are server-rendered pages.
import { html, page, seg, SafeHtml } from '../html';
import { htmlResponse, json, type SandboxResponse } from '../http';
import type { SandboxState } from '../state';
import type { ThreatObject } from '../seed-types';
import { MAX_LIST_ROWS } from '../synthetic';
import { threatDataAppScript, threatDataShellHtml, THREAT_DATA_APP_PATH } from '../ui/shell';

function shell(
  product: 'Intel Exchange' | 'Respond',
  title: string,
  content: SafeHtml,
): SandboxResponse {
  const home = product === 'Intel Exchange' ? '/ctix/threatdata' : '/cftr/';
  return htmlResponse(
    200,
    page(
      `${title} | ${product}`,
      html`<header><a href="${home}">Cyware ${product}</a> <small>(sandbox)</small></header>
        <main>${content}</main>`,
    ),
  );
}

export function notFoundPage(pathname: string): SandboxResponse {
  return htmlResponse(
    404,
    page(
      'Not found',
      html`<main>
        <h1>404 Not Found</h1>
        <p>No page at <code>${pathname}</code>.</p>
      </main>`,
    ),
  );
}

const objectHref = (o: ThreatObject): string => `/ctix/threatdata/${seg(o.type)}/${seg(o.id)}`;

function threatDataShell(object: ThreatObject | null, status: number): SandboxResponse {
  return htmlResponse(status, threatDataShellHtml(object ? object.name : 'Threat Data'));
}

/** `?rows=N`: how many list rows (seed objects first, then synthetic ones), capped. */
export function listRowCount(state: SandboxState, query: URLSearchParams): number {
  const raw = query.get('rows');
  const n = raw !== null && /^\d+$/.test(raw) ? Number(raw) : state.seed.objects.length;
  return Math.min(n, MAX_LIST_ROWS);
}

/** The list's data for the app: every row at once (the app windows and filters them). */
function listData(state: SandboxState, query: URLSearchParams): SandboxResponse {
  const rows = state.seed.listRows(listRowCount(state, query));
  const types = [...new Set(rows.map((o) => o.type))].toSorted();
  return json(200, {
    total: rows.length,
    max_rows: MAX_LIST_ROWS,
    types,
    results: rows.map((o) => ({
      id: o.id,
      type: o.type,
      name: o.name,
      ioc_type: o.ioc_type,
      confidence_score: o.confidence_score,
      tlp: o.tlp,
      is_false_positive: o.is_false_positive,
      is_whitelisted: o.is_whitelisted,
      is_deprecated: o.is_deprecated,
    })),
  });
}

export const OBJECT_PAGE_RELATIONS = 50;

function findObject(state: SandboxState, type: string, id: string): ThreatObject | null {
  const o = state.seed.getObject(id);
  return o && o.type === type ? o : null;
}

function objectData(state: SandboxState, type: string, id: string): SandboxResponse {
  const o = findObject(state, type, id);
  if (!o) return json(404, { detail: 'Not found.' });
  const relations = state.seed.relationsOf(o.id);
  return json(200, {
    object: { ...o },
    relations_total: relations.length,
    relations: relations.slice(0, OBJECT_PAGE_RELATIONS).map((r) => ({
      id: r.id,
      relationship_type: r.relationship_type,
      target: {
        id: r.target.id,
        type: r.target.type,
        name: r.target.name,
        ioc_type: r.target.ioc_type,
      },
    })),
  });
}

/** Sub-tabs of an object page (the first is also the default view). */
const OBJECT_TABS = new Set(['basic-details', 'relations']);

function bulletinList(state: SandboxState): SandboxResponse {
  return shell(
    'Intel Exchange',
    'Threat Bulletins',
    html`<h1>Threat Bulletins</h1>
      <ul>
        ${[...state.seed.bulletins, state.seed.large.bulletin()].map(
          (b) =>
            html`<li>
              <a href="/ctix/threat-bulletin/${seg(b.id)}">${b.title}</a> (${b.status})
            </li> `,
        )}
      </ul>`,
  );
}

// A small script for the "⋯" menus and the canvas's right-click menu (no framework: the real
// UI's markup is unknown, the overlay must not depend on it).
const MENU_SCRIPT = `
document.addEventListener('click', (e) => {
  const toggle = e.target.closest('[aria-haspopup=menu]');
  for (const m of document.querySelectorAll('[role=menu]')) if (!toggle || m.id !== toggle.getAttribute('aria-controls')) m.hidden = true;
  if (toggle) { const m = document.getElementById(toggle.getAttribute('aria-controls')); m.hidden = !m.hidden; toggle.setAttribute('aria-expanded', String(!m.hidden)); }
});
document.addEventListener('contextmenu', (e) => {
  const node = e.target.closest('.canvas-node');
  const menu = document.getElementById('node-menu');
  if (!node || !menu) return;
  e.preventDefault();
  menu.dataset.nodeId = node.dataset.nodeId;
  menu.style.left = e.pageX + 'px';
  menu.style.top = e.pageY + 'px';
  menu.hidden = false;
});
`;

const CONTAINER_CSS = html`<style>
  .title-row {
    display: flex;
    align-items: center;
    gap: 12px;
  }
  .status {
    border-radius: 10px;
    padding: 2px 8px;
    font-size: 12px;
    background: #dcfce7;
  }
  .status.draft {
    background: #fef3c7;
  }
  [role='menu'] {
    position: absolute;
    background: #fff;
    border: 1px solid #ccc;
    padding: 4px;
    list-style: none;
    margin: 0;
    z-index: 10;
  }
  .layout {
    display: grid;
    grid-template-columns: 1fr 300px;
    gap: 16px;
  }
  .canvas {
    position: relative;
    height: 520px;
    background: #fff;
    border: 1px solid #ccc;
    overflow: hidden;
  }
  .canvas-grid {
    overflow: auto;
  }
  .canvas-node {
    position: absolute;
    max-width: 150px;
    padding: 3px 6px;
    font-size: 11px;
    border-radius: 12px;
    background: #e0e7ff;
    border: 1px solid #6366f1;
    cursor: context-menu;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .canvas-node[data-object-type='malware'] {
    background: #fee2e2;
    border-color: #dc2626;
  }
  .canvas-node[data-object-type='report'] {
    background: #fef9c3;
    border-color: #ca8a04;
  }
  .basic-details {
    background: #fff;
    border: 1px solid #ccc;
    padding: 0 12px 12px;
  }
  /* Dark like the threat data app (sandbox/ui/shell.ts), so both themes can be looked at. */
  :root {
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    body {
      background: #14171c;
      color: #e6e9ee;
    }
    header {
      background: #0b1a33;
    }
    a {
      color: #7fb0ff;
    }
    .canvas,
    .basic-details,
    [role='menu'] {
      background: #1d2128;
      border-color: #343b46;
    }
    .canvas-node {
      background: #27305a;
      border-color: #818cf8;
      color: #e6e9ee;
    }
    .canvas-node[data-object-type='malware'] {
      background: #4c1d1d;
      border-color: #f87171;
    }
    .canvas-node[data-object-type='report'] {
      background: #423a12;
      border-color: #facc15;
    }
    pre {
      background: #0f1217;
      color: #e6e9ee;
    }
    .status {
      background: #14532d;
    }
    .status.draft {
      background: #713f12;
    }
  }
</style>`;

function containerPage(title: string, content: SafeHtml): SandboxResponse {
  return htmlResponse(
    200,
    page(
      `${title} | Intel Exchange`,
      html`<header>
          <a href="/ctix/threatdata">Cyware Intel Exchange</a> <small>(sandbox)</small>
        </header>
        <main>${content}</main>
        <script>
          ${new SafeHtml(MENU_SCRIPT)};
        </script>`,
      CONTAINER_CSS,
    ),
  );
}

function bulletinPage(state: SandboxState, id: string): SandboxResponse | null {
  const b = state.seed.getBulletin(id);
  if (!b) return null;
  const report = b.report_id ? state.seed.getObject(b.report_id) : undefined;
  return containerPage(
    b.title,
    html`<div class="title-row">
        <h1 class="bulletin-title">${b.title}</h1>
        <span class="status ${b.status}">${b.status === 'draft' ? 'Draft' : 'Published'}</span>
        <div class="bulletin-menu">
          <button
            type="button"
            aria-haspopup="menu"
            aria-expanded="false"
            aria-controls="bulletin-menu"
            aria-label="More actions"
          >
            ⋯
          </button>
          <ul role="menu" id="bulletin-menu" hidden>
            <li role="menuitem">Edit</li>
            <li role="menuitem">Export as PDF</li>
          </ul>
        </div>
      </div>
      <dl>
        <dt>Status</dt>
        <dd>${b.status}</dd>
        <dt>TLP</dt>
        <dd>${b.tlp}</dd>
        <dt>Published</dt>
        <dd>${b.published_on ? new Date(b.published_on * 1000).toISOString() : 'not published'}</dd>
        <dt>Report</dt>
        <dd>${report ? html`<a href="${objectHref(report)}">${report.name}</a>` : b.report_id}</dd>
      </dl>
      <h2>Description (source HTML, shown as text)</h2>
      <pre>${b.description}</pre>`,
  );
}

function investigationList(state: SandboxState): SandboxResponse {
  return shell(
    'Intel Exchange',
    'Threat Investigations',
    html`<h1>Threat Investigations</h1>
      <ul>
        ${[...state.seed.canvases, state.seed.large.canvas()].map(
          (c) => html`<li><a href="/ctix/threat-investigation/${seg(c.id)}">${c.name}</a></li> `,
        )}
      </ul>`,
  );
}

function investigationPage(state: SandboxState, id: string): SandboxResponse | null {
  const c = state.seed.getCanvas(id);
  if (!c) return null;
  const nodes = c.items.filter((i) => i.type === 'node');
  const links = c.items.filter((i) => i.type === 'link');
  // Nodes on a circle: positioned elements, like a chart library's HTML labels. A big canvas
  // (1,000 nodes) is laid out on a grid instead, and its canvas scrolls.
  const grid = nodes.length > 60;
  const placed = nodes.map((n, i) => {
    if (grid) return { n, x: 8 + (i % 4) * 160, y: 8 + Math.floor(i / 4) * 28 };
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length);
    return {
      n,
      x: Math.round(330 + 270 * Math.cos(angle)),
      y: Math.round(250 + 220 * Math.sin(angle)),
    };
  });
  return containerPage(
    c.name,
    html`<h1 class="investigation-name">${c.name}</h1>
      <div class="layout">
        <div
          class="canvas${grid ? ' canvas-grid' : ''}"
          role="application"
          aria-label="Investigation canvas"
        >
          ${placed.map(
            ({ n, x, y }) =>
              html`<div
                class="canvas-node"
                tabindex="0"
                data-node-id="${n.id}"
                data-object-type="${n.prop.object_type ?? ''}"
                style="left: ${String(x)}px; top: ${String(y)}px"
                title="${n.t}"
              >
                ${n.t}
              </div>`,
          )}
        </div>
        <aside class="basic-details">
          <h2>Basic Details</h2>
          <dl>
            <dt>Description</dt>
            <dd>${c.description}</dd>
            <dt>Nodes</dt>
            <dd>${String(nodes.length)}</dd>
            <dt>Links</dt>
            <dd>${String(links.length)}</dd>
          </dl>
        </aside>
      </div>
      <ul role="menu" id="node-menu" hidden>
        <li role="menuitem">Expand</li>
        <li role="menuitem">Hide node</li>
      </ul>`,
  );
}

function incidentList(state: SandboxState): SandboxResponse {
  const items = state.incidents.toReversed();
  return shell(
    'Respond',
    'Incidents',
    html`<h1>Incidents</h1>
      ${items.length === 0 ? html`<p>No incidents yet.</p>` : ''}
      <ul>
        ${items.map(
          (i) =>
            html`<li>
              <a href="/cftr/incidents/${seg(i.unique_id)}/">${i.readable_id}</a> ${i.title}
            </li> `,
        )}
      </ul>`,
  );
}

function incidentPage(state: SandboxState, id: string): SandboxResponse | null {
  const i = state.findIncident(id);
  if (!i) return null;
  return shell(
    'Respond',
    `${i.readable_id} ${i.title}`,
    html`<p class="readable-id">${i.readable_id}</p>
      <h1 class="incident-title">${i.title}</h1>
      <dl>
        <dt>Status</dt>
        <dd>${i.status}</dd>
        <dt>Created</dt>
        <dd>${new Date(i.created * 1000).toISOString()}</dd>
        <dt>Unique ID</dt>
        <dd><code>${i.unique_id}</code></dd>
      </dl>
      <h2>Description</h2>
      <pre class="incident-description">${i.description}</pre>`,
  );
}

/** Answer a UI page, or null when the path is not a UI route (the caller then tries others). */
export function handleUi(
  state: SandboxState,
  pathname: string,
  query: URLSearchParams,
): SandboxResponse | null {
  // Browser pages tolerate a trailing slash either way; only the Open API is strict about it.
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  let parts: string[];
  try {
    parts = path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return notFoundPage(pathname);
  }
  const [root, section, a, b, c, d] = parts;
  if (root === 'ctix') {
    if (pathname === THREAT_DATA_APP_PATH) {
      return {
        status: 200,
        headers: {
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'no-store',
        },
        body: threatDataAppScript(),
      };
    }
    // The app's own data calls (unsigned, like a session-authenticated UI API).
    if (section === 'ui-api' && a === 'threat-data') {
      if (b === undefined) return listData(state, query);
      if (c !== undefined && d === undefined) return objectData(state, b, c);
      return json(404, { detail: 'Not found.' });
    }
    // The single-page app: the same shell for the list and every object page; the app draws the
    // view from the URL. A direct load of an unknown object still answers 404.
    if (section === undefined) return threatDataShell(null, 200);
    if (section === 'threatdata') {
      if (a === undefined) return threatDataShell(null, 200);
      // `/basic-details` has been seen on real deep links; `/relations` is the other tab.
      if (b !== undefined && (c === undefined || OBJECT_TABS.has(c)) && d === undefined) {
        const o = findObject(state, a, b);
        return threatDataShell(o, o ? 200 : 404);
      }
    }
    if (section === 'threat-bulletin') {
      if (a === undefined) return bulletinList(state);
      if (b === undefined) return bulletinPage(state, a) ?? notFoundPage(pathname);
    }
    if (section === 'threat-investigation') {
      if (a === undefined) return investigationList(state);
      if (b === undefined) return investigationPage(state, a) ?? notFoundPage(pathname);
    }
    return notFoundPage(pathname);
  }
  if (root === 'cftr') {
    if (section === undefined || (section === 'incidents' && a === undefined))
      return incidentList(state);
    if (section === 'incidents' && a !== undefined && b === undefined) {
      return incidentPage(state, a) ?? notFoundPage(pathname);
    }
    return notFoundPage(pathname);
  }
  return null;
}

/** `/`: links to everything, for people poking at the sandbox in a browser. */
export function sandboxHome(): SandboxResponse {
  return htmlResponse(
    200,
    page(
      'Cyware sandbox',
      html`<main>
        <h1>Cyware sandbox</h1>
        <h2>Intel Exchange</h2>
        <ul>
          <li><a href="/ctix/threatdata">Threat data</a></li>
          <li>
            <a href="/ctix/threatdata?rows=10000">Threat data, 10,000 rows</a> (windowed list)
          </li>
          <li><a href="/ctix/threat-bulletin">Threat bulletins</a></li>
          <li><a href="/ctix/threat-investigation">Threat investigations</a></li>
        </ul>
        <h2>Respond</h2>
        <ul>
          <li><a href="/cftr/incidents">Incidents</a></li>
        </ul>
        <h2>Test pages</h2>
        <ul>
          <li><a href="/pages/">/pages/</a></li>
        </ul>
        <p>
          APIs: <code>/ctixapi/</code> and <code>/cftrapi/openapi/</code> (signed). Control:
          <code>/__sandbox/</code>.
        </p>
      </main>`,
    ),
  );
}
