import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '../../../utils/settings/defaults';
import { createDbOpener } from '../../../utils/store/db';
import { applyPolicy, policyLeaves } from '../../../utils/store/policy';
import { createSettingsStore, readManagedPolicy } from '../../../utils/store/settings-store';

function storeWithManagedPolicy() {
  return createSettingsStore({
    getDb: createDbOpener(),
    readPolicy: () => readManagedPolicy(fakeBrowser.storage.managed),
  });
}

describe('settings store', () => {
  it('returns defaults until something is saved, then the saved document', async () => {
    const store = storeWithManagedPolicy();
    expect(await store.getLocal()).toEqual(defaultSettings());
    const mine = { ...defaultSettings(), actionLabel: 'Raise Respond incident' };
    await store.saveLocal(mine);
    expect((await store.getEffective()).settings.actionLabel).toBe('Raise Respond incident');
    expect((await store.getEffective()).locked).toEqual([]);
  });

  it('refuses to save an invalid document', async () => {
    const store = storeWithManagedPolicy();
    await expect(store.saveLocal({ ...defaultSettings(), actionLabel: '' })).rejects.toThrow();
  });

  it('fills fields a stored document from an older build lacks', async () => {
    const open = createDbOpener();
    const old = defaultSettings() as Record<string, unknown>;
    delete old.rateLimits;
    (old.extraction as Record<string, unknown>).allowlist = undefined;
    old.actionLabel = 'Kept label';
    await (await open()).put('settings', { id: 'local', settings: old as never, updatedAt: 1 });
    const store = createSettingsStore({ getDb: open, readPolicy: async () => ({}) });
    const local = await store.getLocal();
    expect(local.actionLabel).toBe('Kept label');
    expect(local.rateLimits).toEqual(defaultSettings().rateLimits);
    expect(local.extraction.allowlist).toEqual([]);
  });

  it('applies storage.managed policy over local values and reports locked paths', async () => {
    await fakeBrowser.storage.managed.set({
      cftr: { baseUrl: 'https://tenant.example/cftrapi/openapi/', expiresOn: '2031-01-31' },
      actionLabel: 'Create Incident (IR)',
      mapping: [{ respondField: 'ip', ctixTypes: ['ipv4-addr'] }],
      rateLimits: { cftrPerMinute: 30 },
    });
    const store = storeWithManagedPolicy();
    await store.saveLocal({
      ...defaultSettings(),
      actionLabel: 'Local label',
      cftr: {
        baseUrl: 'https://other.example/cftrapi/openapi/',
        accessId: 'local-id',
        expiresOn: null,
        uiUrl: '',
      },
    });
    const { settings, locked } = await store.getEffective();
    expect(settings.actionLabel).toBe('Create Incident (IR)');
    expect(settings.cftr).toEqual({
      baseUrl: 'https://tenant.example/cftrapi/openapi/',
      accessId: 'local-id',
      expiresOn: '2031-01-31',
      uiUrl: '',
    });
    expect(settings.mapping).toEqual([{ respondField: 'ip', ctixTypes: ['ipv4-addr'] }]);
    expect(settings.rateLimits).toEqual({ ctixPerMinute: 90, cftrPerMinute: 30 });
    expect(locked.toSorted()).toEqual(
      [
        'actionLabel',
        'cftr.baseUrl',
        'cftr.expiresOn',
        'mapping',
        'rateLimits.cftrPerMinute',
      ].toSorted(),
    );
    // Local values under the policy are kept, so removing the policy restores them.
    expect((await store.getLocal()).actionLabel).toBe('Local label');
  });

  it('never takes a secret (or anything unknown) from policy', async () => {
    await fakeBrowser.storage.managed.set({
      cftr: { secret: 'policy-secret', secretKey: 'policy-secret', accessId: 'from-policy' },
      secrets: { ctix: 'policy-secret' },
      version: 99,
    });
    const { settings, locked } = await storeWithManagedPolicy().getEffective();
    expect(JSON.stringify(settings)).not.toContain('policy-secret');
    expect(settings.version).toBe(1);
    expect(locked).toEqual(['cftr.accessId']);
  });

  it('ignores invalid policy values and keeps the valid ones', () => {
    const merged = applyPolicy(defaultSettings(), {
      actionLabel: '',
      rateLimits: { ctixPerMinute: 'fast', cftrPerMinute: 12 },
      extraction: { types: ['ipv4', 'not-a-type'], refang: false },
    });
    expect(merged.settings.actionLabel).toBe(defaultSettings().actionLabel);
    expect(merged.settings.rateLimits).toEqual({ ctixPerMinute: 90, cftrPerMinute: 12 });
    expect(merged.settings.extraction.refang).toBe(false);
    expect(merged.settings.extraction.types).toEqual(defaultSettings().extraction.types);
    expect(merged.locked.toSorted()).toEqual(['extraction.refang', 'rateLimits.cftrPerMinute']);
    expect(merged.rejected.toSorted()).toEqual([
      'actionLabel',
      'extraction.types',
      'rateLimits.ctixPerMinute',
    ]);
  });

  it('treats a managed storage that throws (no schema, Firefox without policy) as no policy', async () => {
    const area = { get: () => Promise.reject(new Error('Managed storage manifest not found')) };
    expect(await readManagedPolicy(area)).toEqual({});
    expect(await readManagedPolicy(undefined)).toEqual({});
  });
});

const typeOf = (v: unknown) =>
  Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : v === null ? 'string' : typeof v;

describe('public/managed_schema.json', () => {
  type Schema = {
    type: string;
    properties?: Record<string, Schema>;
    items?: Schema;
    enum?: unknown[];
  };
  const schema = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../../public/managed_schema.json'), 'utf8'),
  ) as Schema;

  /** Dotted paths of every leaf the schema describes (arrays are leaves, like in policy). */
  function schemaLeaves(node: Schema, path: string[] = []): string[] {
    if (node.type !== 'object') return [path.join('.')];
    return Object.entries(node.properties ?? {}).flatMap(([k, v]) => schemaLeaves(v, [...path, k]));
  }

  it('describes exactly the settings an admin can lock, with no secret anywhere', () => {
    const settingsLeaves = policyLeaves(defaultSettings(), defaultSettings()).map((l) =>
      l.path.join('.'),
    );
    // Beside the settings, one policy-only switch: the passphrase lock (issue 13), read by
    // lockRequiredByPolicy and never stored as a setting.
    const policyOnly = ['secretLock.requirePassphrase'];
    const leaves = schemaLeaves(schema);
    expect(leaves).toEqual(expect.arrayContaining(policyOnly));
    expect(leaves.filter((l) => !policyOnly.includes(l)).toSorted()).toEqual(
      settingsLeaves.toSorted(),
    );
    expect(JSON.stringify(schema.properties)).not.toMatch(/"(secret|secretKey|password)"/i);
  });

  it('gives each leaf the JSON type of its default value', () => {
    for (const leaf of policyLeaves(defaultSettings(), defaultSettings())) {
      let node: Schema | undefined = schema;
      for (const key of leaf.path) node = node?.properties?.[key];
      expect(node?.type, leaf.path.join('.')).toBe(typeOf(leaf.value));
    }
  });

  it('accepts every default value and rejects nothing the settings schema allows for IOC types', () => {
    const types = schema.properties?.extraction?.properties?.types?.items?.enum;
    expect(types).toEqual(defaultSettings().extraction.types);
  });
});
