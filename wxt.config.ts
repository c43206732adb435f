import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
import { asSuffixTrie, icannOnly, trieModule } from './scripts/icann-trie';

// An e2e build (VITE_E2E=1) pre-grants the loopback sandbox origin, because a headless
// browser cannot accept the native permission prompt. The production build never has it;
// tests/e2e/production-build.e2e.ts checks that.
const isE2E = process.env.VITE_E2E === '1';

/**
 * Firefox (AMO) settings.
 * - `id`: fixed, so an admin can name the add-on in `policies.json` and updates keep their
 *   data. It is an identifier in e-mail form, not an address: `cftr-bridge.addons` is not a
 *   domain anyone owns and nothing is ever sent to it.
 * - `strict_min_version`: 140.0, the ESR we test on (Debian's firefox-esr 140) and the first
 *   Firefox that understands `data_collection_permissions`.
 * - `data_collection_permissions`: what leaves the browser, and it goes only to the tenant's
 *   own Cyware APIs that the admin configures (never to us or anyone else):
 *   `authenticationInfo` (the access ID and an HMAC signature on every request),
 *   `websiteContent` (the IOCs, title and text the analyst chose on a page),
 *   `browsingActivity` (the URL of the page an incident was raised from, put in the incident).
 */
export const GECKO_ID = 'cftr-incident-bridge@cftr-bridge.addons';
const GECKO = {
  id: GECKO_ID,
  strict_min_version: '140.0',
  data_collection_permissions: {
    required: ['authenticationInfo', 'websiteContent', 'browsingActivity'],
  },
} as const;

/**
 * zod without its JIT, decided at build time. zod 4 compiles object parsers with
 * `new Function` unless its global config says `jitless`; the flag is read when each schema is
 * built, and our schemas are module constants, so a `z.config({ jitless: true })` call would
 * have to run at import time before every schema module (an ordering no bundler promises, and
 * against the rule that nothing of ours runs at import time). Instead zod's global config starts
 * out `jitless`, and its two uses of the Function constructor (the eval probe and the code
 * generator, never reached once jitless) are replaced, so the packages contain no eval at all
 * (`web-ext lint`: no DANGEROUS_EVAL). Each replacement must match exactly: a zod update that
 * changes this code fails the build instead of quietly bringing eval back.
 */
const ZOD_PATCHES: ReadonlyArray<readonly [RegExp, string, string]> = [
  [
    /\/zod\/v4\/core\/core\.js$/,
    '(_a.__zod_globalConfig = {})',
    '(_a.__zod_globalConfig = { jitless: true })',
  ],
  [
    /\/zod\/v4\/core\/util\.js$/,
    'const F = Function;\n        new F("");\n        return true;',
    'return false;',
  ],
  [
    /\/zod\/v4\/core\/doc\.js$/,
    'const F = Function;',
    'const F = () => { throw new Error("zod JIT is disabled in this build"); };',
  ],
];

/**
 * React DOM's only dynamic HTML sink is `dangerouslySetInnerHTML` (two assignments to
 * `innerHTML`, which `web-ext lint` reports as UNSAFE_VAR_ASSIGNMENT). Our code never uses it
 * (oxlint's react/no-danger would say so), so in the production React DOM both assignments
 * throw instead: the packages hold no HTML-injection sink at all.
 */
const REACT_DOM_PATCH: readonly [RegExp, string, string, number] = [
  /\/react-dom\/cjs\/react-dom-client\.production\.js$/,
  '(domElement.innerHTML = key);',
  '(function () { throw Error("dangerouslySetInnerHTML is not allowed in this extension"); })();',
  2,
];

function reactDomNoInnerHtml(): Plugin {
  return {
    name: 'cftr:react-dom-no-inner-html',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      const [pattern, from, to, count] = REACT_DOM_PATCH;
      if (!pattern.test(file)) return null;
      if (code.split(from).length - 1 !== count) {
        throw new Error(`react-dom-no-inner-html: ${file} changed; update wxt.config.ts`);
      }
      return { code: code.replaceAll(from, to), map: null };
    },
  };
}

function zodJitless(): Plugin {
  return {
    name: 'cftr:zod-jitless',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      const patch = ZOD_PATCHES.find(([pattern]) => pattern.test(file));
      if (!patch) return null;
      const [, from, to] = patch;
      if (!code.includes(from)) {
        throw new Error(`zod-jitless: ${file} changed; update ZOD_PATCHES in wxt.config.ts`);
      }
      return { code: code.replace(from, to), map: null };
    },
  };
}

/**
 * The public suffix list without its private section (scripts/icann-trie.ts says why that is
 * safe): about 17 KB gzip less in the worker and wherever the allowlist check loads.
 */
function icannSuffixesOnly(): Plugin {
  const trieFile = /\/tldts\/dist\/es6\/src\/data\/trie\.js$/;
  return {
    name: 'cftr:icann-suffixes-only',
    enforce: 'pre',
    async load(id) {
      const file = id.split('?')[0] ?? id;
      if (!trieFile.test(file)) return null;
      const original = asSuffixTrie(await import(pathToFileURL(file).href));
      return { code: trieModule(icannOnly(original)), map: null };
    },
  };
}

/**
 * zod's JSON Schema generator, which we never call (nothing here turns a schema into JSON
 * Schema), is 6 KB gzip of every zod-using package because zod's classic schemas reference it.
 * Its two modules are replaced by stubs with the same exports: each export is a function that
 * returns a function that throws, so zod can still build its `~standard.jsonSchema` methods
 * (it does so lazily) while any use of JSON Schema fails loudly instead of quietly.
 */
const ZOD_JSON_SCHEMA = /\/zod\/v4\/core\/(to-json-schema|json-schema-processors)\.js$/;

export function stubExports(code: string, file: string): string {
  const names = new Set<string>();
  for (const m of code.matchAll(/^export (?:const|let|function|class) (\w+)/gm)) names.add(m[1]!);
  for (const m of code.matchAll(/^export \{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .at(-1);
      if (name) names.add(name);
    }
  }
  if (names.size === 0) throw new Error(`zod-no-json-schema: no exports found in ${file}`);
  return [
    'const off = () => { throw new Error("zod JSON Schema is not in this build"); };',
    'const stub = () => off;',
    ...[...names].map((name) => `export const ${name} = stub;`),
    '',
  ].join('\n');
}

function zodNoJsonSchema(): Plugin {
  return {
    name: 'cftr:zod-no-json-schema',
    enforce: 'pre',
    load(id) {
      const file = id.split('?')[0] ?? id;
      if (!ZOD_JSON_SCHEMA.test(file)) return null;
      return { code: stubExports(readFileSync(file, 'utf8'), file), map: null };
    },
  };
}

/**
 * Chunk layout of the extension pages (background, popup, options, review share one ES build;
 * content scripts are single IIFE files and are left alone). Left to itself the bundler cuts
 * every set of modules shared by a different set of pages into its own file, so the popup
 * loaded seven files, four of them under 1.5 KB gzip, each compressed on its own. Two groups
 * instead: `base` (the browser API polyfill and three tiny shared modules, loaded by every
 * page and the worker) and `ui` (React and the components every page shares, never loaded by
 * the worker). That is about 0.5 KB gzip less for the popup and two fewer requests; the worker
 * loads the same code as before. The bundler's own runtime (0.4 KB) stays a chunk of its own:
 * a group cannot capture it.
 */
const PAGE_CHUNK_GROUPS = [
  {
    name: 'base',
    priority: 2,
    test: /webextension-polyfill|wxt-(html-)?plugins|utils[\\/]messaging[\\/](signal-key|lock-text)|utils[\\/]model[\\/]incident-words/,
  },
  {
    name: 'ui',
    priority: 1,
    test: /node_modules[\\/](react|react-dom|scheduler)[\\/]|components[\\/]shared[\\/]|utils[\\/]format[\\/]time|utils[\\/]messaging[\\/]client/,
  },
];

function pageChunkGroups(): Plugin {
  return {
    name: 'cftr:page-chunk-groups',
    outputOptions(options) {
      if (options.format !== 'es' && options.format !== 'esm' && options.format !== undefined)
        return null;
      return { ...options, codeSplitting: { groups: PAGE_CHUNK_GROUPS } };
    },
  };
}

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader can follow every name to its module.
  imports: false,
  // BRIDGE_OUT_DIR lets parallel builds (e.g. several e2e runs) use separate folders.
  outDir: process.env.BRIDGE_OUT_DIR ?? (isE2E ? '.output-e2e' : '.output'),
  // The sources zip (`npm run zip`, for AMO review) must rebuild with a plain `npm ci`, so it
  // keeps the dotfiles the build needs (.puppeteerrc.cjs stops puppeteer downloading a
  // browser, .prettierrc.json, .oxlintrc.json, .ci/run) and leaves out what git ignores.
  zip: {
    dotSources: true,
    excludeSources: [
      '.git/**',
      '.wxt/**',
      '.output/**',
      '.output-*/**',
      '.exp/**',
      'bench/.baseline/**',
      'node_modules/**',
      'demo-output/**',
      'test-output/**',
      'coverage/**',
      '**/*.log',
      '**/.DS_Store',
    ],
  },
  vite: () => ({
    plugins: [
      zodJitless(),
      reactDomNoInnerHtml(),
      icannSuffixesOnly(),
      zodNoJsonSchema(),
      pageChunkGroups(),
    ],
    build: {
      // BRIDGE_SOURCEMAP=1: source maps for size analysis (scripts/size-report.mjs --modules).
      sourcemap: process.env.BRIDGE_SOURCEMAP === '1',
      // Every browser an MV3 extension runs in (Chrome, Firefox 140+) has <link rel=modulepreload>:
      // Vite's polyfill for it would only add bytes to each page.
      modulePreload: { polyfill: false },
      rolldownOptions: {
        // Rolldown inlines imported constants at each use by default. tldts keeps its public
        // suffix list in one exported string read in three places, so inlining copied the
        // ~33 KB (gzip) string three times into the IOC chunk. Referencing it keeps one copy.
        optimization: { inlineConst: false },
      },
    },
  }),
  manifest: ({ browser }) => ({
    name: 'CFTR Incident Bridge',
    description:
      'Turn threat intelligence from Cyware Intel Exchange and any web page into Cyware Respond incidents.',
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting', 'notifications', 'alarms'],
    // Only the two tenant origins the admin saves are ever requested, at run time.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    ...(isE2E ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    storage: { managed_schema: 'managed_schema.json' },
    // The review page is framed over the page a flow starts on (utils/review/frame-host.ts).
    // Chrome serves it only under a per-session ID, so a site cannot probe for the extension;
    // Firefox's moz-extension:// UUID is already random per install.
    web_accessible_resources: [
      {
        resources: ['review.html'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    commands: {
      'open-page-flow': {
        suggested_key: { default: 'Alt+Shift+I' },
        description: 'Create an incident from the current page',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: GECKO,
            // Firefox for Android reads data_collection_permissions from 142 on. Android is
            // not tested; this only keeps the manifest valid there.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
