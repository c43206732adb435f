/**
 * Word lists and small look-behind helpers for the false-positive rules. Every helper reads a
 * bounded window (tens of characters) around a candidate, so using them keeps scanning linear.
 */

import { isAsciiAlnum, isAsciiLetter } from './chars';

// ---------------------------------------------------------------- versions (rules 17, 18)

/** Words that, right before a dotted quad, make it a version or a clause number. */
const VERSION_WORDS = new Set([
  'v',
  'ver',
  'vers',
  'version',
  'build',
  'release',
  'rel',
  'rev',
  'revision',
  'firmware',
  'fw',
  'clause',
  'section',
  'sect',
  'chapter',
  'paragraph',
  'para',
  'appendix',
  'figure',
  'fig',
  'table',
  'step',
  'oid',
  'rfc',
  // browser names written in front of a reduced User-Agent version ("Chrome 121.0.0.0")
  'chrome',
  'chromium',
  'firefox',
  'safari',
  'opera',
  'msie',
  'crios',
  'fxios',
]);

export function isVersionLabel(word: string): boolean {
  if (VERSION_WORDS.has(word)) return true;
  return word.endsWith('version') || word.endsWith('_ver') || word.endsWith('-ver');
}

/**
 * The word before `pos` on the same line, skipping separators such as spaces, quotes, `=`,
 * `:` and `(` (so `version = "1.0.2.3"`, `FileVersion: 1.2.3.4` and `(build 1.2.3.4` all
 * yield the label). Lower case, trailing dot removed ("ver." -> "ver").
 */
export function precedingWord(text: string, pos: number): string {
  let i = pos;
  let skipped = 0;
  while (i > 0 && skipped < 8) {
    const c = text.charCodeAt(i - 1);
    if (
      c === 32 ||
      c === 9 ||
      c === 34 ||
      c === 39 ||
      c === 61 ||
      c === 58 ||
      c === 40 ||
      c === 0xa0
    ) {
      i--;
      skipped++;
    } else {
      break;
    }
  }
  const end = i;
  while (i > 0 && end - i < 40) {
    const c = text.charCodeAt(i - 1);
    if (isAsciiAlnum(c) || c === 95 || c === 46 || c === 45) i--;
    else break;
  }
  let w = text.slice(i, end).toLowerCase();
  while (w.endsWith('.')) w = w.slice(0, -1);
  return w;
}

/**
 * True when a `/` at `slash` ends a product token of a User-Agent or similar
 * (`Chrome/121.0.0.0`, `Safari/537.36`): the token starts with a letter and has no dot.
 */
export function isProductToken(text: string, slash: number): boolean {
  let i = slash;
  while (i > 0 && slash - i < 40) {
    const c = text.charCodeAt(i - 1);
    if (isAsciiAlnum(c) || c === 45) i--;
    else break;
  }
  if (i === slash) return false;
  const before = i > 0 ? text.charCodeAt(i - 1) : 32;
  // host/path, or a log field such as Squid's HIER_DIRECT/1.2.3.4: not a product
  if (before === 46 || before === 47 || before === 58 || before === 95) return false;
  return isAsciiLetter(text.charCodeAt(i));
}

// ---------------------------------------------------------------- domains (rules 27, 28)

/**
 * First labels that mark code rather than a host in a two-label name: JS/Python objects and
 * HTML elements used in CSS selectors (`this.app`, `user.name`, `div.info`, `a.link`,
 * `model.fit`). Only applied to names without a hyphen (identifiers cannot contain one) and
 * not under com/net/org/edu/gov/mil.
 */
export const CODE_FIRST_LABELS = new Set([
  'this',
  'self',
  'window',
  'document',
  'navigator',
  'console',
  'config',
  'cfg',
  'conf',
  'settings',
  'options',
  'opts',
  'props',
  'state',
  'user',
  'users',
  'request',
  'req',
  'response',
  'resp',
  'res',
  'pkg',
  'package',
  'model',
  'subprocess',
  'sys',
  'process',
  'module',
  'exports',
  'math',
  'json',
  'obj',
  'object',
  'ctx',
  'context',
  'args',
  'kwargs',
  'params',
  'event',
  'evt',
  'err',
  'error',
  'el',
  'elem',
  'element',
  'cls',
  'super',
  'np',
  'pd',
  'df',
  'plt',
  'torch',
  'fs',
  'os',
  'string',
  'str',
  'list',
  'dict',
  'array',
  'arr',
  'vm',
  'instance',
  'result',
  'results',
  'value',
  'values',
  'field',
  'record',
  'row',
  'col',
  'item',
  'items',
  'entry',
  'logger',
  'headers',
  'target',
  'foo',
  'bar',
  'baz',
  'data',
  'node',
  'parent',
  'child',
  'schema',
  'payload',
  'msg',
  'message',
  'job',
  'task',
  'router',
  'session',
  'cursor',
  'conn',
  'ev',
  'log',
  'logging',
  'axios',
  'jquery',
  'requests',
  'urllib',
  'socket',
  'random',
  'time',
  'datetime',
  're',
  'hashlib',
  'base64',
  'shutil',
  'threading',
  'player',
  'btn',
  'modal',
  'widget',
  'chart',
  'scope',
  'view',
  'layout',
  'win',
  'doc',
  'globals',
  'env',
  'environ',
  'io',
  'a',
  'p',
  'div',
  'span',
  'ul',
  'ol',
  'li',
  'img',
  'button',
  'header',
  'footer',
  'section',
  'nav',
  'main',
  'article',
  'aside',
  'body',
  'html',
  'table',
  'tr',
  'td',
  'th',
  'input',
  'form',
  'label',
  'select',
  'option',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'em',
  'strong',
  'small',
  'iframe',
  'script',
  'style',
  'link',
  'meta',
  'svg',
  'canvas',
  'video',
  'audio',
  'picture',
  'figure',
  'figcaption',
  'blockquote',
  'pre',
  'code',
  'textarea',
  'fieldset',
  'legend',
  'dl',
  'dt',
  'dd',
  'hr',
  'abbr',
  'sup',
  'sub',
  'menu',
  'details',
  'summary',
  'dialog',
  'template',
  'source',
  'embed',
  'tbody',
  'thead',
  'tfoot',
  'caption',
]);

/**
 * For names with three or more labels (`section.news.blog`, `div.page.global`) only
 * structural HTML elements and the most common code objects count, and only under a
 * "word" TLD: real hosts such as img.example.com or link.example.net stay domains.
 */
export const CODE_FIRST_LABELS_MULTI = new Set([
  'this',
  'self',
  'window',
  'document',
  'user',
  'config',
  'request',
  'response',
  'props',
  'state',
  'ctx',
  'event',
  'obj',
  'a',
  'p',
  'div',
  'span',
  'section',
  'ul',
  'ol',
  'li',
  'header',
  'footer',
  'article',
  'aside',
  'button',
  'body',
  'html',
  'table',
  'tr',
  'td',
  'th',
  'nav',
]);

/** TLDs under which a dotted identifier is taken at face value as a host. */
export const CLASSIC_TLDS = new Set(['com', 'net', 'org', 'edu', 'gov', 'mil', 'int']);

/** File extensions that are not TLDs; names ending in them count as file names. */
export const FILE_EXTENSIONS = new Set([
  'pdf',
  'exe',
  'dll',
  'doc',
  'docx',
  'docm',
  'dot',
  'dotm',
  'xls',
  'xlsx',
  'xlsm',
  'xlsb',
  'xlam',
  'ppt',
  'pptx',
  'pptm',
  'rtf',
  'txt',
  'csv',
  'log',
  'js',
  'jse',
  'mjs',
  'vbs',
  'vbe',
  'wsf',
  'ps1',
  'psm1',
  'psd1',
  'bat',
  'cmd',
  'lnk',
  'iso',
  'img',
  'vhd',
  'vhdx',
  'hta',
  'jar',
  'apk',
  'ipa',
  'dmg',
  'pkg',
  'deb',
  'rpm',
  'msi',
  'msix',
  'cab',
  'bin',
  'dat',
  'tmp',
  'sys',
  'scr',
  'cpl',
  'ocx',
  'drv',
  'efi',
  'chm',
  'inf',
  'reg',
  'rar',
  '7z',
  'gz',
  'tgz',
  'tar',
  'bz2',
  'xz',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'bmp',
  'svg',
  'ico',
  'webp',
  'tif',
  'tiff',
  'mp4',
  'mp3',
  'wav',
  'avi',
  'mkv',
  'html',
  'htm',
  'xhtml',
  'php',
  'asp',
  'aspx',
  'jsp',
  'cgi',
  'json',
  'xml',
  'yml',
  'yaml',
  'toml',
  'ini',
  'cfg',
  'conf',
  'eml',
  'msg',
  'pst',
  'ost',
  'dmp',
  'elf',
  'dylib',
  'ko',
  'lib',
  'obj',
  'class',
  'pyc',
  'wasm',
  'c',
  'h',
  'cpp',
  'hpp',
  'cs',
  'go',
  'rb',
  'ts',
  'tsx',
  'jsx',
  'swift',
  'kt',
  'lua',
  'vb',
  'xll',
  'lnk',
  'url',
  'bak',
  'old',
  'lock',
  'sql',
  'db',
  'sqlite',
  'pem',
  'crt',
  'cer',
  'key',
  'pfx',
  'p12',
  'ovpn',
  'rdp',
  'ica',
]);

/**
 * Real TLDs that are primarily source/script file extensions in incident text (rule 27:
 * readme.md, install.sh, loader.py, build.rs, libhook.so, cover.ps, Makefile.mk, loader.cc,
 * logo.ai). A name under them is a domain only when defanged, a URL host, or inside a paragraph
 * that is clearly a domain list (>= 3 other domains, no file names).
 */
export const FILE_TLDS_STRICT = new Set([
  'md',
  'sh',
  'py',
  'rs',
  'so',
  'ps',
  'mk',
  'pm',
  'java',
  'tf',
  'cc',
  'ai',
]);

/**
 * `.zip` / `.mov` (rule 27): a domain when defanged, a URL host, or presented as a domain;
 * an attachment otherwise. "Presented as a domain" is decided by keywords on its line
 * (filename=, attachment, domain, NRD …), then by the paragraph (more domains than file names
 * around it), defaulting to "file".
 */
export const FILE_TLDS_VOTE = new Set(['zip', 'mov']);

const DOMAIN_KEYWORDS = new Set([
  'domain',
  'domains',
  'host',
  'hosts',
  'hostname',
  'fqdn',
  'dns',
  'resolve',
  'resolves',
  'resolved',
  'registered',
  'registrar',
  'nrd',
  'whois',
  'c2',
  'cnc',
  'server',
  'blocklist',
  'blocklisted',
  'sinkhole',
  'sinkholed',
  'website',
  'site',
  'lookalike',
  'typosquat',
  'phishing',
  'домен',
  'домена',
  'домены',
  'сайт',
  'хост',
  'domaine',
  'dominio',
  'domínio',
  'domäne',
  'alan',
  'tên',
  'miền',
]);
const FILE_KEYWORDS = new Set([
  'file',
  'files',
  'filename',
  'attachment',
  'attachments',
  'attached',
  'archive',
  'archives',
  'document',
  'video',
  'image',
  'container',
  'decoy',
  'dropped',
  'extracted',
  'unpacked',
  'opened',
  'saved',
  'folder',
  'directory',
  'extension',
  'inventory',
  'sample',
  'name',
  'файл',
  'файла',
  'файлы',
  'вложение',
  'вложении',
  'архив',
  'архів',
  'вкладення',
  'fichier',
  'pièce',
  'archivo',
  'adjunto',
  'arquivo',
  'anexo',
  'datei',
  'anhang',
  'dosya',
  'dosyası',
  'bijlage',
  'bestand',
  'tệp',
]);
// Scripts written without spaces: matched as substrings.
const CJK_DOMAIN_KEYWORDS = ['域名', 'ドメイン', '도메인'];
const CJK_FILE_KEYWORDS = ['附件', '文件', '添付', 'ファイル', '첨부', '파일'];

/** Keyword vote for a line: > 0 domain-ish, < 0 file-ish, 0 undecided. */
export function keywordVote(line: string): number {
  let score = 0;
  for (const w of line.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (DOMAIN_KEYWORDS.has(w)) score++;
    else if (FILE_KEYWORDS.has(w)) score--;
  }
  for (const k of CJK_DOMAIN_KEYWORDS) if (line.includes(k)) score++;
  for (const k of CJK_FILE_KEYWORDS) if (line.includes(k)) score--;
  // «Довідка.zip»: guillemets around a name are how file names are quoted in prose.
  if (line.includes('«') && line.includes('»')) score--;
  return score;
}

// ---------------------------------------------------------------- hashes (rules 34, 35)

/** Splits a label text into lower-case words: snake_case, kebab-case and camelCase aware. */
export function labelWords(s: string): string[] {
  const words: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isAsciiAlnum(c)) {
      const upper = c >= 65 && c <= 90;
      const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
      if (upper && prev >= 97 && prev <= 122 && cur.length > 0) {
        words.push(cur);
        cur = '';
      }
      cur += String.fromCharCode(upper ? c + 32 : c);
    } else if (cur.length > 0) {
      words.push(cur);
      cur = '';
    }
  }
  if (cur.length > 0) words.push(cur);
  return words;
}

/** Labels that name a digest used for pivoting (md5, imphash, JA3 …). */
export const DIGEST_WORDS = new Set([
  'md5',
  'md5sum',
  'hash',
  'hashes',
  'imphash',
  'ja3',
  'ja3s',
  'ja4',
  'rich',
  'richpe',
  'pehash',
  'digest',
  'checksum',
  'fingerprint',
  'sha1',
  'sha224',
  'sha256',
  'sha384',
  'sha512',
  'sha',
  'authentihash',
  'telfhash',
  'vhash',
  'ioc',
  'iocs',
  'indicator',
]);

/** Labels that name an identifier or key (UUID, trace id, session, API key, RC4 key …). */
export const IDENTIFIER_WORDS = new Set([
  'key',
  'keys',
  'uuid',
  'guid',
  'id',
  'ids',
  'identifier',
  'trace',
  'traceid',
  'traceparent',
  'span',
  'request',
  'requestid',
  'session',
  'sessionid',
  'sid',
  'cookie',
  'token',
  'secret',
  'nonce',
  'salt',
  'iv',
  'apikey',
  'api',
  'password',
  'passwd',
  'pwd',
  'correlation',
  'tenant',
  'client',
  'account',
  'serial',
  'license',
  'licence',
  'rc4',
  'xor',
  'aes',
  'mutex',
  'bot',
  'botid',
  'install',
  'campaign',
  'device',
  'machine',
  'object',
  'activity',
  'x-request-id',
]);

/** Words that, right before a 40-hex value, make it a Git commit id (rule 35). */
export const GIT_WORDS = new Set([
  'commit',
  'commits',
  'committed',
  'revert',
  'reverts',
  'reverted',
  'cherry-pick',
  'cherry-picked',
  'checkout',
  'parent',
  'merge',
  'tree',
  'head',
]);

/** Git commands whose output lists commit ids at line starts. */
export const GIT_LOG_COMMANDS = new Set([
  'log',
  'show',
  'rev-list',
  'reflog',
  'blame',
  'shortlog',
  'whatchanged',
  'cherry',
]);

// ---------------------------------------------------------------- e-mail (rule 31)

/** Words before `:` that introduce an address (so `From:a@b.com` is not `user:pass@host`). */
export const EMAIL_LABELS = new Set([
  'mailto',
  'email',
  'e-mail',
  'mail',
  'from',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'sender',
  'return-path',
  'delivered-to',
  'x-sender',
  'x-original-to',
  'envelope-from',
  'contact',
  'author',
  'registrant',
  'smtp.mailfrom',
  'mailfrom',
  'rcpt',
]);
