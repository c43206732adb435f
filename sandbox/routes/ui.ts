// Small stand-ins for the Intel Exchange and Respond web UIs on the default page routes
// (cyware-api.md §4/§5), so the extension's overlay and incident links have something real to
// land on. No signature is needed: these are browser pages, not the Open API. Intel Exchange
// (threat data list and objects, bulletins, investigations) is one single-page app
// (sandbox/ui/); Respond's pages are server-rendered.
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

// Bulletins and investigations are views of the same app (sandbox/ui/containers-app.js); these
// are their data calls.

function bulletinListData(state: SandboxState): SandboxResponse {
  const all = [...state.seed.bulletins, state.seed.large.bulletin()];
  return json(200, {
    results: all.map((b) => ({ id: b.id, title: b.title, status: b.status })),
  });
}

function bulletinData(state: SandboxState, id: string): SandboxResponse {
  const b = state.seed.getBulletin(id);
  if (!b) return json(404, { detail: 'Not found.' });
  const report = b.report_id ? state.seed.getObject(b.report_id) : undefined;
  return json(200, {
    id: b.id,
    title: b.title,
    status: b.status,
    tlp: b.tlp,
    published_on: b.published_on,
    description: b.description,
    report_id: b.report_id,
    report: report ? { type: report.type, id: report.id, name: report.name } : null,
  });
}

function investigationListData(state: SandboxState): SandboxResponse {
  const all = [...state.seed.canvases, state.seed.large.canvas()];
  return json(200, {
    results: all.map((c) => ({
      id: c.id,
      name: c.name,
      nodes: c.items.filter((i) => i.type === 'node').length,
    })),
  });
}

function investigationData(state: SandboxState, id: string): SandboxResponse {
  const c = state.seed.getCanvas(id);
  if (!c) return json(404, { detail: 'Not found.' });
  return json(200, {
    id: c.id,
    name: c.name,
    description: c.description,
    links: c.items.filter((i) => i.type === 'link').length,
    nodes: c.items
      .filter((i) => i.type === 'node')
      .map((n) => ({ id: n.id, t: n.t, object_type: n.prop.object_type ?? null })),
  });
}

/** The app's shell for a bulletin or investigation route: 404 when the ID is unknown. */
function containerShell(title: string | null): SandboxResponse {
  return htmlResponse(title === null ? 404 : 200, threatDataShellHtml(title ?? 'Not found'));
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
    if (section === 'ui-api' && (a === 'bulletins' || a === 'investigations') && c === undefined) {
      if (a === 'bulletins')
        return b === undefined ? bulletinListData(state) : bulletinData(state, b);
      return b === undefined ? investigationListData(state) : investigationData(state, b);
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
      if (a === undefined) return containerShell('Threat Bulletins');
      if (b === undefined) return containerShell(state.seed.getBulletin(a)?.title ?? null);
    }
    if (section === 'threat-investigation') {
      if (a === undefined) return containerShell('Threat Investigations');
      if (b === undefined) return containerShell(state.seed.getCanvas(a)?.name ?? null);
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
