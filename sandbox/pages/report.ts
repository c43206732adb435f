// /pages/report.html: a plausible vendor blog post with defanged and plain IOCs of many types.
// Some IOCs are in the seed (known to Intel Exchange), some deliberately are not.
import { KNOWN, UNKNOWN_REPORT_IOCS as U } from '../known';
import { html, page } from '../html';

export const REPORT_PAGE_TITLE = KNOWN.reportName;

const bracketLastDot = (s: string): string => s.replace(/\.([^.]*)$/, '[.]$1');

/**
 * Defang the way most vendor blogs do: hxxp for http, [@] for at, and [.] on the last dot of the
 * host (45.137.21[.]9, hxxps://docs-share-preview[.]com/s/x.zip).
 */
function defang(value: string): string {
  const url = /^(http)(s?:\/\/)([^/]+)(.*)$/.exec(value);
  if (url) return `hxxp${url[2]}${bracketLastDot(url[3] ?? '')}${url[4]}`;
  const [local, domain] = value.split('@');
  if (domain !== undefined) return `${local}[@]${bracketLastDot(domain)}`;
  return bracketLastDot(value);
}

/** Some authors bracket every dot (77[.]91[.]124[.]55). */
const defangAll = (value: string): string => value.replace(/\./g, '[.]');

/** Every IOC on the page, refanged, split by whether the seed knows it. */
export const REPORT_PAGE_IOCS = {
  known: [
    KNOWN.ipv4,
    KNOWN.ipv4Second,
    KNOWN.ipv6,
    KNOWN.domain,
    KNOWN.domainSecond,
    KNOWN.url,
    KNOWN.email,
    KNOWN.md5,
    KNOWN.sha1,
    KNOWN.sha256,
    KNOWN.sha256Second,
    KNOWN.asn,
    KNOWN.whitelistedIpv4,
    KNOWN.falsePositiveDomain,
  ],
  unknown: [
    U.ipv4,
    U.ipv4Second,
    U.ipv6,
    U.domain,
    U.url,
    U.email,
    U.md5,
    U.sha256,
    U.btc,
    U.linkHref,
  ],
  /** CVE IDs on the page: the first is a vulnerability object in the seed, the second is not. */
  cves: [KNOWN.cve, U.cve],
} as const;

export function reportPage(): string {
  const body = html`<header>
      <a href="https://research.example/">Glasswing Research</a> &middot;
      <a href="https://research.example/blog/">Blog</a> &middot;
      <a href="https://research.example/about/">About</a>
    </header>
    <main>
      <article>
        <h1>${KNOWN.reportName}</h1>
        <p class="byline">
          By the Threat Research Team &middot; 14 November 2024 &middot; 9 min read
        </p>
        <p>
          Since September we have tracked <b>${KNOWN.malware}</b>, a two-stage loader delivered
          through fake document-sharing pages. The actor, which we call <b>${KNOWN.threatActor}</b>,
          sends invoice-themed emails from <code>${defang(KNOWN.email)}</code> and, in a second
          wave, from <code>${defang(U.email)}</code>.
        </p>
        <p>
          Victims who click are sent to <code>${defang(KNOWN.url)}</code>; a newer variant uses
          <code>${defang(U.url)}</code>. One sample we analysed arrived via
          <a href="${U.linkHref}">this shared invoice</a>.
        </p>
        <h2>Initial access</h2>
        <p>
          In at least two cases the operators first exploited ${KNOWN.cve} on an exposed firewall
          and later ${U.cve} on a VPN gateway. The lure domains ${defang(KNOWN.domain)} and
          ${defang(U.domain)} were registered within days of each other; payloads were staged on
          ${defang(KNOWN.domainSecond)} and, briefly, on the public CDN ${KNOWN.falsePositiveDomain}
          (abused, not compromised).
        </p>
        <h2>Command and control</h2>
        <p>
          The loader checks connectivity by resolving through ${KNOWN.whitelistedIpv4}, then beacons
          every 300 s to ${defang(KNOWN.ipv4)} and falls back to ${defang(KNOWN.ipv4Second)}. Newer
          builds also contact ${U.ipv4} and ${defangAll(U.ipv4Second)}. IPv6 C2: ${KNOWN.ipv6} and
          ${U.ipv6}. Most servers sit in ${KNOWN.asn}.
        </p>
        <p>Ransom notes dropped by follow-on payloads ask for payment to <code>${U.btc}</code>.</p>
        <h2>Indicators of compromise</h2>
        <table>
          <thead>
            <tr>
              <th>Type</th>
              <th>Indicator</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>IPv4</td>
              <td>${defang(KNOWN.ipv4)}</td>
              <td>primary C2</td>
            </tr>
            <tr>
              <td>IPv4</td>
              <td>${defang(KNOWN.ipv4Second)}</td>
              <td>fallback C2</td>
            </tr>
            <tr>
              <td>IPv4</td>
              <td>${U.ipv4}</td>
              <td>new C2</td>
            </tr>
            <tr>
              <td>Domain</td>
              <td>${defang(KNOWN.domain)}</td>
              <td>lure</td>
            </tr>
            <tr>
              <td>Domain</td>
              <td>${defang(U.domain)}</td>
              <td>lure</td>
            </tr>
            <tr>
              <td>URL</td>
              <td>${defang(KNOWN.url)}</td>
              <td>payload</td>
            </tr>
            <tr>
              <td>Email</td>
              <td>${defang(KNOWN.email)}</td>
              <td>sender</td>
            </tr>
            <tr>
              <td>MD5</td>
              <td>${KNOWN.md5}</td>
              <td>stage 1</td>
            </tr>
            <tr>
              <td>MD5</td>
              <td>${U.md5}</td>
              <td>dropper</td>
            </tr>
            <tr>
              <td>SHA-1</td>
              <td>${KNOWN.sha1}</td>
              <td>stage 1</td>
            </tr>
            <tr>
              <td>SHA-256</td>
              <td>${KNOWN.sha256}</td>
              <td>stage 1</td>
            </tr>
            <tr>
              <td>SHA-256</td>
              <td>${KNOWN.sha256Second}</td>
              <td>stage 2 DLL</td>
            </tr>
            <tr>
              <td>SHA-256</td>
              <td>${U.sha256}</td>
              <td>dropper</td>
            </tr>
          </tbody>
        </table>
        <h3>Hashes (copy-paste)</h3>
        <pre>
${[KNOWN.md5, KNOWN.sha1, KNOWN.sha256, KNOWN.sha256Second, U.md5, U.sha256].join('\n')}</pre>
        <p>
          Detection rules are on our
          <a href="https://research.example/rules/glasswing">rules page</a>.
        </p>
      </article>
    </main>
    <footer><p>&copy; 2024 Glasswing Research. Share with attribution.</p></footer>`;
  return page(REPORT_PAGE_TITLE, body);
}
