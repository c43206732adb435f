import { existsSync } from 'node:fs';

/**
 * Puppeteer cannot download a browser on our machines, so every e2e run uses a system
 * Chrome/Chromium: the env var first, then the usual install paths.
 */
const ENV_VARS = ['CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH', 'CHROMIUM_PATH'] as const;
const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const INSTALL_HINT =
  'No Chrome or Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
  `or point ${ENV_VARS[0]} at a Chrome/Chromium executable.`;

export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string {
  for (const name of ENV_VARS) {
    const value = env[name];
    if (value) {
      if (!exists(value)) throw new Error(`${name} is set to ${value}, which does not exist.`);
      return value;
    }
  }
  const found = USUAL_PATHS.find((path) => exists(path));
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}
