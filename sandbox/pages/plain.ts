// /pages/plain.html: the smallest useful page, for quick happy-path e2e runs.
import { KNOWN } from '../known';
import { html, page } from '../html';

export const PLAIN_PAGE_IOCS = [KNOWN.ipv4, KNOWN.domain, KNOWN.sha1, KNOWN.cve] as const;

export function plainPage(): string {
  return page(
    'Plain IOC list',
    html`<main>
      <h1>Plain IOC list</h1>
      <ul>
        ${PLAIN_PAGE_IOCS.map((v) => html`<li>${v}</li>`)}
      </ul>
    </main>`,
  );
}
