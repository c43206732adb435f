// The HTML shell of the Intel Exchange app and its script. The script is two plain JavaScript
// files beside this one (no bundler), served as one: the bulletin and investigation views
// (containers-app.js) inside the same function scope as the app (threatdata-app.js), which
// passes them its helpers. They are read once, on the first request for the script.
import { readFileSync } from 'node:fs';
import { html, page, SafeHtml } from '../html';

export const THREAT_DATA_APP_PATH = '/ctix/assets/threatdata-app.js';

let script: string | null = null;

export function threatDataAppScript(): string {
  if (script === null) {
    const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
    script = `(() => {\n${read('./containers-app.js')}\n${read('./threatdata-app.js')}\n})();\n`;
  }
  return script;
}

// Fixed CSS (no data in it), so it can go into the page as it is.
const CSS = new SafeHtml(`<style>
  :root { color-scheme: light dark; --bg: #f6f7f9; --panel: #fff; --text: #1b1f24; --muted: #5b6573;
    --line: #d0d5dd; --head: #13294b; --accent: #1d5fd1; --hover: #eef3fc; }
  @media (prefers-color-scheme: dark) {
    :root { --bg: #14171c; --panel: #1d2128; --text: #e6e9ee; --muted: #9aa4b2; --line: #343b46;
      --head: #0b1a33; --accent: #7fb0ff; --hover: #243045; }
  }
  body { background: var(--bg); color: var(--text); }
  a { color: var(--accent); }
  .app-header { display: flex; gap: 24px; align-items: center; background: var(--head); }
  .app-header nav a { color: #fff; margin-right: 16px; text-decoration: none; }
  .app-header nav a[aria-current=page] { text-decoration: underline; }
  #app[aria-busy=true]::before { content: 'Loading…'; color: var(--muted); }
  .td-toolbar { display: flex; gap: 16px; margin: 8px 0; }
  .td-toolbar input { width: 280px; }
  .td-count { color: var(--muted); margin: 4px 0 8px; }
  .td-table { background: var(--panel); border: 1px solid var(--line); }
  /* One grid row per table row: anything a tenant script appends to a row becomes one more
     column instead of wrapping onto the next row. */
  .td-row { display: grid; grid-template-columns: minmax(0, 4fr) 1.3fr 1.3fr 0.9fr 1.1fr 1.2fr 64px;
    grid-template-rows: 100%; grid-auto-flow: column; grid-auto-columns: max-content;
    align-items: center; height: ${36}px; box-sizing: border-box; padding: 0 8px; gap: 8px;
    border-bottom: 1px solid var(--line); font-size: 14px; }
  .td-row > [role=cell], .td-row > [role=columnheader] { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .td-body .td-row { position: absolute; left: 0; right: 0; }
  .td-body .td-row:hover { background: var(--hover); }
  .td-header { font-weight: 600; background: var(--bg); }
  .td-viewport { position: relative; height: calc(100vh - 260px); min-height: 320px; overflow-y: auto; }
  .td-body { position: relative; }
  .td-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .td-num { text-align: right; }
  .td-row > .td-actions { display: flex; overflow: visible; justify-content: flex-end; gap: 4px; }
  .row-menu-button { border: 1px solid var(--line); background: var(--panel); color: var(--text);
    border-radius: 4px; width: 32px; height: 26px; cursor: pointer; }
  .row-menu { position: fixed; z-index: 10; width: 200px; display: flex; flex-direction: column;
    background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 4px 0;
    box-shadow: 0 6px 20px rgba(0,0,0,.2); }
  .row-menu [role=menuitem] { padding: 6px 12px; text-align: left; background: none; border: 0;
    color: var(--text); font: inherit; text-decoration: none; cursor: pointer; }
  .row-menu [role=menuitem]:hover, .row-menu [role=menuitem]:focus { background: var(--hover); }
  .tlp { font-size: 12px; padding: 1px 6px; border-radius: 3px; border: 1px solid var(--line); }
  .tlp-red { background: #c62828; color: #fff; }
  .tlp-amber, .tlp-amber-strict { background: #f9a825; color: #1b1f24; }
  .tlp-green { background: #2e7d32; color: #fff; }
  .tlp-clear { background: #fff; color: #1b1f24; }
  .object-layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 20px; align-items: start; }
  .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
  .panel h2 { font-size: 16px; margin: 0 0 10px; }
  .quick-action-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
  .quick-action { width: 100%; text-align: left; padding: 6px 10px; border: 1px solid var(--line);
    background: var(--bg); color: var(--text); border-radius: 4px; cursor: pointer; font: inherit; }
  .tabs { display: flex; gap: 4px; margin-bottom: 10px; }
  .tab { padding: 6px 12px; border: 1px solid var(--line); border-radius: 4px 4px 0 0; text-decoration: none; }
  .tab[aria-current=page] { background: var(--panel); font-weight: 600; }
  .tag-list { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
  .tag { background: var(--hover); border: 1px solid var(--line); border-radius: 10px; padding: 1px 8px; font-size: 13px; }
  .muted { color: var(--muted); }
  .breadcrumb { color: var(--muted); margin-bottom: 4px; }
  .object-name { overflow-wrap: anywhere; }
  #sandbox-status { color: var(--muted); min-height: 1.2em; }
  /* Bulletins and investigations (containers-app.js). */
  .title-row { display: flex; align-items: center; gap: 12px; }
  .title-row h1 { overflow-wrap: anywhere; }
  .status { border-radius: 10px; padding: 2px 8px; font-size: 12px; background: #dcfce7; color: #14532d; }
  .status.draft { background: #fef3c7; color: #713f12; }
  .bulletin-menu { position: relative; }
  .bulletin-menu > button { border: 1px solid var(--line); background: var(--panel); color: var(--text);
    border-radius: 4px; width: 32px; height: 28px; cursor: pointer; }
  .page-menu { position: absolute; z-index: 10; min-width: 160px; background: var(--panel);
    border: 1px solid var(--line); border-radius: 6px; padding: 4px 0; margin: 0; list-style: none;
    box-shadow: 0 6px 20px rgba(0,0,0,.2); }
  .page-menu [role=menuitem] { display: block; width: 100%; padding: 6px 12px; text-align: left;
    background: none; border: 0; color: var(--text); font: inherit; cursor: pointer; }
  .page-menu [role=menuitem]:hover { background: var(--hover); }
  .container-list li { margin: 6px 0; }
  .threat-bulletin pre, .bulletin-description { white-space: pre-wrap; overflow-wrap: anywhere;
    background: var(--panel); border: 1px solid var(--line); padding: 8px; }
  .layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 16px; align-items: start; }
  .canvas { position: relative; height: 520px; background: var(--panel); border: 1px solid var(--line);
    border-radius: 6px; overflow: hidden; }
  .canvas-grid { overflow: auto; }
  .canvas-node { position: absolute; max-width: 150px; padding: 3px 6px; font-size: 11px;
    border-radius: 12px; background: #e0e7ff; border: 1px solid #6366f1; color: #1b1f24;
    cursor: context-menu; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .canvas-node[data-object-type=malware] { background: #fee2e2; border-color: #dc2626; }
  .canvas-node[data-object-type=report] { background: #fef9c3; border-color: #ca8a04; }
  .investigation-details { background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
    padding: 0 12px 12px; }
  #node-menu { position: absolute; }
  @media (prefers-color-scheme: dark) {
    .status { background: #14532d; color: #dcfce7; }
    .status.draft { background: #713f12; color: #fef3c7; }
    .canvas-node { background: #27305a; border-color: #818cf8; color: #e6e9ee; }
    .canvas-node[data-object-type=malware] { background: #4c1d1d; border-color: #f87171; }
    .canvas-node[data-object-type=report] { background: #423a12; border-color: #facc15; }
  }
</style>`);

/** The page every threat data route answers with; the app draws the rest from the URL. */
export function threatDataShellHtml(title: string): string {
  return page(
    `${title} | Intel Exchange`,
    html`<header class="app-header">
        <a href="/ctix/threatdata">Cyware Intel Exchange</a>
        <nav aria-label="Main">
          <a href="/ctix/threatdata" aria-current="page">Threat Data</a>
          <a href="/ctix/threat-bulletin">Threat Bulletins</a>
          <a href="/ctix/threat-investigation">Threat Investigations</a>
          <a href="/cftr/incidents">Respond</a>
        </nav>
        <small>(sandbox)</small>
      </header>
      <main id="app" aria-busy="true" data-view="loading"></main>
      <p id="sandbox-status" role="status"></p>
      <script src="${THREAT_DATA_APP_PATH}" defer></script>`,
    html`${CSS}`,
  );
}
