import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The overlay must work on a tenant whose markup we have never seen: it may not lean on the
 * sandbox's test hooks (data-testid, #app[data-view], its class names).
 */
const ROOT = join(import.meta.dirname, '../../../utils/overlay');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the overlay code', () => {
  it('uses no sandbox-only hooks', () => {
    const all = files(ROOT);
    expect(all.length).toBeGreaterThan(5);
    for (const file of all) {
      const text = readFileSync(file, 'utf8');
      for (const hook of ['data-testid', 'data-view', 'td-viewport', 'threat-data-row', '#app']) {
        expect(text.includes(hook), `${file} uses the sandbox hook ${hook}`).toBe(false);
      }
    }
  });
});
