// Small stand-ins for the Intel Exchange and Respond web UIs on the default page routes
// (cyware-api.md §4/§5), so the extension's overlay and incident links have something real to
// land on. No signature is needed: these are browser pages, not the Open API.
import { html, page, seg, type SafeHtml } from '../html';
import { htmlResponse, type SandboxResponse } from '../http';
import type { SandboxState } from '../state';
import type { ThreatObject } from '../seed-types';

const LIST_PAGE_SIZE = 50;

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

function flags(o: ThreatObject): string {
  return [
    o.is_false_positive ? 'false positive' : '',
    o.is_whitelisted ? 'allowed' : '',
    o.is_deprecated ? 'deprecated' : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function threatDataList(state: SandboxState, query: URLSearchParams): SandboxResponse {
  const type = query.get('type');
  const all = type ? state.seed.ofType(type) : state.seed.objects;
  const pages = Math.max(1, Math.ceil(all.length / LIST_PAGE_SIZE));
  const n = Math.min(pages, Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1));
  const rows = all.slice((n - 1) * LIST_PAGE_SIZE, n * LIST_PAGE_SIZE);
  const link = (p: number): string => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    return `/ctix/threatdata?${q.toString()}`;
  };
  return shell(
    'Intel Exchange',
    'Threat Data',
    html`<h1>Threat Data</h1>
      <p>
        ${all.length} objects${type ? html` of type <b>${type}</b>` : ''}. Page ${n} of ${pages}.
      </p>
      <table class="threat-data-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>IOC type</th>
            <th>Confidence</th>
            <th>TLP</th>
            <th>Flags</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (o) =>
              html`<tr data-object-id="${o.id}" data-object-type="${o.type}">
                <td><a href="${objectHref(o)}">${o.name}</a></td>
                <td>${o.type}</td>
                <td>${o.ioc_type ?? ''}</td>
                <td>${o.confidence_score}</td>
                <td>${o.tlp}</td>
                <td>${flags(o)}</td>
              </tr> `,
          )}
        </tbody>
      </table>
      <nav>
        ${n > 1 ? html`<a rel="prev" href="${link(n - 1)}">Previous</a> ` : ''}${n < pages ? html`<a rel="next" href="${link(n + 1)}">Next</a>` : ''}
      </nav>`,
  );
}

const time = (s: number | null): string => (s === null ? '' : new Date(s * 1000).toISOString());

function threatDataObject(state: SandboxState, type: string, id: string): SandboxResponse | null {
  const o = state.seed.getObject(id);
  if (!o || o.type !== type) return null;
  const relations = state.seed.relationsOf(o.id);
  return shell(
    'Intel Exchange',
    o.name,
    html`<p><a href="/ctix/threatdata?type=${seg(o.type)}">${o.type}</a></p>
      <h1 class="object-name">${o.name}</h1>
      <dl>
        <dt>Type</dt>
        <dd>${o.type}</dd>
        ${
          o.ioc_type
            ? html`<dt>IOC type</dt>
                <dd>${o.ioc_type}</dd>`
            : ''
        }
        <dt>Confidence</dt>
        <dd>${o.confidence_score}</dd>
        <dt>TLP</dt>
        <dd>${o.tlp}</dd>
        <dt>Description</dt>
        <dd>${o.description}</dd>
        <dt>Sources</dt>
        <dd>${o.sources.map((s) => s.name).join(', ')}</dd>
        <dt>Tags</dt>
        <dd>${o.tags.map((t) => t.name).join(', ')}</dd>
        <dt>Created</dt>
        <dd>${time(o.created)}</dd>
        <dt>Valid until</dt>
        <dd>${time(o.valid_until)}</dd>
        ${
          flags(o)
            ? html`<dt>Flags</dt>
                <dd>${flags(o)}</dd>`
            : ''
        }
      </dl>
      <h2>Relations (${relations.length})</h2>
      <ul class="relations">
        ${relations.slice(0, 50).map(
          (r) =>
            html`<li>
              ${r.relationship_type}:
              <a href="${objectHref(r.target)}">${r.target.name}</a> (${r.target.type})
            </li> `,
        )}
      </ul>`,
  );
}

function bulletinList(state: SandboxState): SandboxResponse {
  return shell(
    'Intel Exchange',
    'Threat Bulletins',
    html`<h1>Threat Bulletins</h1>
      <ul>
        ${state.seed.bulletins.map(
          (b) =>
            html`<li>
              <a href="/ctix/threat-bulletin/${seg(b.id)}">${b.title}</a> (${b.status})
            </li> `,
        )}
      </ul>`,
  );
}

function bulletinPage(state: SandboxState, id: string): SandboxResponse | null {
  const b = state.seed.getBulletin(id);
  if (!b) return null;
  const report = state.seed.getObject(b.report_id);
  return shell(
    'Intel Exchange',
    b.title,
    html`<h1 class="bulletin-title">${b.title}</h1>
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
        ${state.seed.canvases.map(
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
  return shell(
    'Intel Exchange',
    c.name,
    html`<h1 class="investigation-name">${c.name}</h1>
      <p>${c.description}</p>
      <h2>Nodes (${nodes.length})</h2>
      <ul class="canvas-nodes">
        ${nodes.map(
          (n) =>
            html`<li data-node-id="${n.id}">
              ${n.t}
              <small
                >${n.prop.object_type ?? ''} ${n.prop.indicator_type ?? ''} score
                ${n.prop.score ?? ''} ${n.prop.tlp_data ?? ''}</small
              >
            </li> `,
        )}
      </ul>
      <h2>Links (${links.length})</h2>
      <ul>
        ${links.map((l) => html`<li>${l.id1 ?? ''} ${l.t} ${l.id2 ?? ''}</li>`)}
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
  const [root, section, a, b, c] = parts;
  if (root === 'ctix') {
    if (section === undefined) return threatDataList(state, query);
    if (section === 'threatdata') {
      if (a === undefined) return threatDataList(state, query);
      // The `/basic-details` suffix has been seen on real deep links too.
      if (b !== undefined && (c === undefined || c === 'basic-details')) {
        return threatDataObject(state, a, b) ?? notFoundPage(pathname);
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
