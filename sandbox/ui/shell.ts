// The HTML shell of the Intel Exchange threat data app and its script. The script is a plain
// JavaScript file beside this one (no bundler); it is read once, on the first request for it.
import { readFileSync } from 'node:fs';
import { html, page, SafeHtml } from '../html';

export const THREAT_DATA_APP_PATH = '/ctix/assets/threatdata-app.js';

let script: string | null = null;

export function threatDataAppScript(): string {
  script ??= readFileSync(new URL('./threatdata-app.js', import.meta.url), 'utf8');
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
