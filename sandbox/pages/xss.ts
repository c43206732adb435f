// /pages/xss.html: hostile strings in the title, text and link text, all escaped in the HTML
// source so the browser shows them as text. The extension reads them as strings and must keep
// them strings. A tiny page script replaces alert() with a recorder, so an e2e test can check
// `window.__xssFired` (empty means nothing the extension rendered ever executed a payload).
import { KNOWN, UNKNOWN_REPORT_IOCS } from '../known';
import { html, page } from '../html';

export const XSS_PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  "'><iframe src=javascript:alert(4)>",
  'javascript:alert(5)',
  '{{constructor.constructor("alert(6)")()}}',
] as const;

export const XSS_PAGE_TITLE = `Report ${XSS_PAYLOADS[0]} ${XSS_PAYLOADS[2]} ${XSS_PAYLOADS[1]}`;

/** IOCs on the page (refanged). */
export const XSS_PAGE_IOCS = [
  KNOWN.ipv4,
  KNOWN.domain,
  KNOWN.sha256,
  UNKNOWN_REPORT_IOCS.domain,
] as const;

export function xssPage(): string {
  const [img, script, svg, iframe, js, tmpl] = XSS_PAYLOADS;
  const recorder = html`<script>
    window.__xssFired = [];
    window.alert = function (m) {
      window.__xssFired.push(String(m));
    };
  </script>`;
  const body = html`<main>
    <h1>${img} Threat note ${script}</h1>
    <p id="lead">Analyst comment: ${svg} see C2 ${KNOWN.ipv4} and lure ${KNOWN.domain}${img}</p>
    <p>Payload hash ${KNOWN.sha256} was dropped by ${iframe} from ${UNKNOWN_REPORT_IOCS.domain}.</p>
    <p>Template injection probe: ${tmpl}</p>
    <ul>
      <li><a href="javascript:alert('xss-link')">${js}</a></li>
      <li><a href="javascript:void(0)" title="${svg}">${img} click me ${script}</a></li>
      <li><a href="/pages/plain.html">${svg}plain page</a></li>
    </ul>
    <pre>${XSS_PAYLOADS.join('\n')}</pre>
  </main>`;
  return page(XSS_PAGE_TITLE, body, recorder);
}
