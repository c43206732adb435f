// Test pages for the extension's e2e tests and benchmarks, under /pages/.
import { html, page } from '../html';
import { htmlResponse, type SandboxResponse } from '../http';
import { bigPage, MAX_BIG_MB } from '../pages/big';
import { plainPage } from '../pages/plain';
import { reportPage } from '../pages/report';
import { xssPage } from '../pages/xss';
import { notFoundPage } from './ui';

function index(): string {
  const links = ['report.html', 'xss.html', 'plain.html', 'big.html?mb=1', 'big.html?mb=5'];
  return page(
    'Sandbox test pages',
    html`<main>
      <h1>Sandbox test pages</h1>
      <ul>
        ${links.map((l) => html`<li><a href="/pages/${l}">${l}</a></li>`)}
      </ul>
    </main>`,
  );
}

export function handlePages(pathname: string, query: URLSearchParams): SandboxResponse | null {
  switch (pathname) {
    case '/pages':
    case '/pages/':
      return htmlResponse(200, index());
    case '/pages/report.html':
      return htmlResponse(200, reportPage());
    case '/pages/xss.html':
      return htmlResponse(200, xssPage());
    case '/pages/plain.html':
      return htmlResponse(200, plainPage());
    case '/pages/big.html': {
      const mb = Number(query.get('mb') ?? '1');
      if (!Number.isFinite(mb) || mb <= 0 || mb > MAX_BIG_MB) {
        return htmlResponse(400, page('Bad size', html`<p>mb must be in (0, ${MAX_BIG_MB}].</p>`));
      }
      return htmlResponse(200, bigPage(mb));
    }
    default:
      return pathname.startsWith('/pages/') ? notFoundPage(pathname) : null;
  }
}
