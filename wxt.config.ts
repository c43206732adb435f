import { defineConfig } from 'wxt';

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

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader can follow every name to its module.
  imports: false,
  // BRIDGE_OUT_DIR lets parallel builds (e.g. several e2e runs) use separate folders.
  outDir: process.env.BRIDGE_OUT_DIR ?? (isE2E ? '.output-e2e' : '.output'),
  vite: () => ({
    build: {
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
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: GECKO } } : {}),
  }),
});
