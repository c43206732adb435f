// Generators for realistic-looking indicator values. Each takes the PRNG so the seed stays
// deterministic; none of them produces private, loopback or documentation addresses, because a
// vendor feed would not carry those.
import type { Rng } from './prng';

// First octets of routable space that often appears in threat feeds.
const IPV4_FIRST = [5, 23, 31, 37, 46, 62, 78, 79, 80, 82, 85, 89, 93, 94, 95, 103, 104, 109, 141];
const IPV4_FIRST_MORE = [146, 147, 152, 154, 158, 162, 164, 176, 178, 179, 188, 194, 195, 212, 217];
const IPV4_FIRSTS = [...IPV4_FIRST, ...IPV4_FIRST_MORE];

const DOMAIN_A = ['secure', 'login', 'update', 'cdn', 'docs', 'mail', 'portal', 'account'];
const DOMAIN_A_MORE = ['verify', 'cloud', 'files', 'share', 'auth', 'support', 'billing', 'drive'];
const DOMAIN_B = ['check', 'center', 'hub', 'online', 'access', 'storage', 'gateway', 'desk'];
const DOMAIN_B_MORE = ['point', 'link', 'box', 'zone', 'sync', 'web', 'app', 'service', 'status'];
const TLDS = ['com', 'net', 'org', 'info', 'top', 'xyz', 'online', 'site', 'live', 'biz', 'cc'];
const TLDS_MORE = ['ru', 'su', 'shop', 'click', 'icu', 'pw'];

const URL_PATHS = ['/wp-content/plugins/', '/admin/', '/files/', '/invoice/', '/panel/', '/s/'];
const URL_PATHS_MORE = ['/api/v1/', '/download/', '/update/', '/o365/', '/login/', '/gate/'];
const URL_FILES = ['gate.php', 'index.php', 'payload.bin', 'update.js', 'doc.zip', 'auth.php'];
const URL_FILES_MORE = ['setup.msi', 'invoice.iso', 'load.ps1', 'config.dat', 'view.html', ''];

const EMAIL_LOCAL = ['billing', 'support', 'hr', 'noreply', 'admin', 'accounts', 'security'];
const EMAIL_LOCAL_MORE = ['j.smith', 'm.garcia', 'invoice', 'payroll', 'it-helpdesk', 'finance'];

const FILE_NAMES = ['invoice_2024_11.pdf.exe', 'update.js', 'setup_x64.msi', 'Document.lnk'];
const FILE_NAMES_MORE = ['payload.dll', 'svchosts.exe', 'readme.hta', 'report_Q3.xlsm'];

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.51 Safari/537.36 Edg/99.0',
  'python-requests/2.25.1',
  'Go-http-client/1.1',
  'curl/7.68.0',
  'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)',
];

function octet(rng: Rng): number {
  return rng.int(0, 255);
}

export function ipv4(rng: Rng): string {
  return `${rng.pick(IPV4_FIRSTS)}.${octet(rng)}.${octet(rng)}.${rng.int(1, 254)}`;
}

export function cidr(rng: Rng): string {
  return `${rng.pick(IPV4_FIRSTS)}.${octet(rng)}.${rng.int(0, 127) * 2}.0/${rng.pick([22, 23, 24])}`;
}

function hextet(rng: Rng): string {
  return rng.int(0x1000, 0xffff).toString(16);
}

export function ipv6(rng: Rng): string {
  const prefix = rng.pick(['2a01', '2a02', '2a03', '2a05', '2a06', '2604', '2607', '2001']);
  return `${prefix}:${hextet(rng)}:${hextet(rng)}:${rng.int(1, 0xff).toString(16)}::${hextet(rng)}`;
}

export function domain(rng: Rng): string {
  const a = rng.pick([...DOMAIN_A, ...DOMAIN_A_MORE]);
  const b = rng.pick([...DOMAIN_B, ...DOMAIN_B_MORE]);
  const tld = rng.pick([...TLDS, ...TLDS_MORE]);
  switch (rng.int(0, 2)) {
    case 0:
      return `${a}-${b}.${tld}`;
    case 1:
      return `${a}${b}${rng.int(1, 99)}.${tld}`;
    default:
      return `${rng.pick(DOMAIN_A_MORE)}.${a}-${b}.${tld}`;
  }
}

export function url(rng: Rng, host: string): string {
  const scheme = rng.chance(0.7) ? 'https' : 'http';
  const path = rng.pick([...URL_PATHS, ...URL_PATHS_MORE]);
  const file = rng.pick([...URL_FILES, ...URL_FILES_MORE]);
  const query = rng.chance(0.25) ? `?id=${rng.hex(8)}` : '';
  return `${scheme}://${host}${path}${file}${query}`;
}

export function email(rng: Rng, host: string): string {
  return `${rng.pick([...EMAIL_LOCAL, ...EMAIL_LOCAL_MORE])}@${host}`;
}

export function asn(rng: Rng): string {
  return `AS${rng.int(1000, 399999)}`;
}

export function mac(rng: Rng): string {
  return Array.from({ length: 6 }, () => rng.hex(2)).join(':');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function b64ish(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += B64[rng.int(0, 63)];
  return s;
}

export function ssdeep(rng: Rng): string {
  const block = 3 * 2 ** rng.int(4, 12);
  return `${block}:${b64ish(rng, rng.int(30, 60))}:${b64ish(rng, rng.int(15, 30))}`;
}

export function fileName(rng: Rng): string {
  return rng.pick([...FILE_NAMES, ...FILE_NAMES_MORE]);
}

export function mutex(rng: Rng): string {
  return rng.chance(0.5) ? `Global\\{${rng.uuid().toUpperCase()}}` : `Local\\Mtx_${rng.hex(12)}`;
}

export function registryKey(rng: Rng): string {
  const name = rng.pick(['OneDriveSync', 'WinUpdateSvc', 'AdobeHelper', 'SecurityHealthTray']);
  return `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\${name}${rng.int(1, 99)}`;
}

export function userAgent(rng: Rng): string {
  return rng.pick(USER_AGENTS);
}
