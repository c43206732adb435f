import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { E2E_BUILD, PROD_BUILD } from './harness';

/** Every text file of a build, concatenated, to look for things that must not ship. */
function bundleText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile() && /\.(js|json|html|css)$/.test(path))
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
}

describe('the production build', () => {
  const manifest = JSON.parse(readFileSync(join(PROD_BUILD, 'manifest.json'), 'utf8')) as {
    permissions: string[];
    host_permissions?: string[];
    optional_host_permissions?: string[];
    content_scripts?: unknown[];
    storage?: { managed_schema?: string };
  };

  it('asks for no host permission up front and has no all-sites access', () => {
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.permissions).not.toContain('<all_urls>');
    expect(manifest.permissions.toSorted()).toEqual(
      ['activeTab', 'alarms', 'contextMenus', 'notifications', 'scripting', 'storage'].toSorted(),
    );
    // No content script on every page: overlays are registered at run time.
    expect(manifest.content_scripts ?? []).toEqual([]);
  });

  it('declares the managed-storage schema for admin policy', () => {
    expect(manifest.storage?.managed_schema).toBeTruthy();
  });

  it('does not contain the e2e-only hooks that the e2e build has', () => {
    // Guard against a vacuous pass: the marker must be present in the e2e build.
    expect(bundleText(E2E_BUILD)).toContain('__bridgeTest');
    expect(bundleText(PROD_BUILD)).not.toContain('__bridgeTest');
    const e2eManifest = JSON.parse(readFileSync(join(E2E_BUILD, 'manifest.json'), 'utf8')) as {
      host_permissions?: string[];
    };
    expect(e2eManifest.host_permissions).toEqual(['http://127.0.0.1/*']);
  });

  it('frames the review from a tiny host script that is the same code in both builds', () => {
    const host = (dir: string) => readFileSync(join(dir, 'content-scripts/review-host.js'));
    // Same bytes: what the e2e suite proves about the host holds for the production build.
    expect(host(PROD_BUILD).equals(host(E2E_BUILD))).toBe(true);
    const text = host(PROD_BUILD).toString('utf8');
    expect(text).toMatch(/attachShadow\(\{\s*mode:\s*["'`]closed["'`]\s*\}\)/);
    // No React and no zod in every page: React's element symbol and zod's error class name.
    expect(text).not.toContain('react.transitional.element');
    expect(text).not.toContain('ZodError');
    const gzipped = gzipSync(host(PROD_BUILD)).length;
    console.info(`[review host] ${gzipped} bytes gzip`);
    expect(gzipped).toBeLessThanOrEqual(15 * 1024);
  });

  it('serves review.html to pages only under the per-session dynamic URL', () => {
    const war = (manifest as { web_accessible_resources?: unknown }).web_accessible_resources;
    expect(war).toEqual([
      { resources: ['review.html'], matches: ['<all_urls>'], use_dynamic_url: true },
    ]);
  });
  it('ships the Intel Exchange overlay as a small script with closed roots, registered at run time', () => {
    const script = (dir: string) => readFileSync(join(dir, 'content-scripts/ctix-overlay.js'));
    const mode = (dir: string) =>
      /attachShadow\(\{\s*mode:\s*(?:[\w$]+\s*\?\s*)?["'`](open|closed)["'`]/.exec(
        script(dir).toString('utf8'),
      )?.[1];
    expect(mode(PROD_BUILD)).toBe('closed');
    const text = script(PROD_BUILD).toString('utf8');
    expect(text).not.toContain('react.transitional.element');
    expect(text).not.toContain('ZodError');
    const gzipped = gzipSync(script(PROD_BUILD)).length;
    console.info(`[overlay] ${gzipped} bytes gzip`);
    expect(gzipped).toBeLessThanOrEqual(30 * 1024);
  });
});
