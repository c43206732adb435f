import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '../../../utils/settings/defaults';
import {
  LEGACY_IOC_TYPES,
  inferKnownTypes,
  withNewIocTypes,
} from '../../../utils/settings/migrate';
import { EXTRACTABLE_IOC_TYPES, type Settings } from '../../../utils/settings/schema';
import { createDbOpener } from '../../../utils/store/db';
import { createSettingsStore, readManagedPolicy } from '../../../utils/store/settings-store';

const NEW_TYPES = ['sha224', 'sha384', 'ssdeep', 'mac', 'registry-key', 'filename'];

/** What a build before issue 15 stored: its 14 types (btc switched off), its own mapping. */
function legacyDocument(): Settings {
  const s = defaultSettings();
  return {
    ...s,
    actionLabel: 'Escalate',
    extraction: { ...s.extraction, types: LEGACY_IOC_TYPES.filter((t) => t !== 'btc') },
    mapping: [
      { respondField: 'ip_address', ctixTypes: ['ipv4-addr', 'ipv6-addr'] },
      { respondField: 'domain', ctixTypes: ['domain-name'] },
      { respondField: 'file_hash_md5', ctixTypes: ['MD5'] },
      // The admin already sends SHA-224 somewhere of their own: that row must stay the only one.
      { respondField: 'hashes', ctixTypes: ['sha-224', 'SHA-256'] },
    ],
  };
}

async function storeHolding(row: Record<string, unknown> | null) {
  const open = createDbOpener();
  if (row !== null) await (await open()).put('settings', row as never);
  return createSettingsStore({
    getDb: open,
    readPolicy: () => readManagedPolicy(fakeBrowser.storage.managed),
  });
}

describe('settings migration: IOC types added since the document was saved', () => {
  it('a pre-issue-15 document gets the new types enabled and mapped, its own choices kept', async () => {
    const store = await storeHolding({ id: 'local', settings: legacyDocument(), updatedAt: 1 });
    const local = await store.getLocal();
    for (const t of NEW_TYPES) expect(local.extraction.types).toContain(t);
    expect(local.extraction.types).not.toContain('btc'); // switched off by the analyst
    expect(local.actionLabel).toBe('Escalate');
    // The analyst's rows are untouched and first; rows for the new Intel Exchange types follow.
    expect(local.mapping.slice(0, 4)).toEqual(legacyDocument().mapping);
    expect(local.mapping.slice(4)).toEqual([
      { respondField: 'file_hash_sha384', ctixTypes: ['SHA-384'] },
      { respondField: 'file_hash_ssdeep', ctixTypes: ['SSDEEP'] },
      { respondField: 'mac_address', ctixTypes: ['mac-addr'] },
      { respondField: 'registry_key', ctixTypes: ['windows-registry-key'] },
      { respondField: 'file_name', ctixTypes: ['file'] },
    ]);
    // Policy is applied over the migrated document, as over any local one.
    expect((await store.getEffective()).settings.extraction.types).toEqual(local.extraction.types);
  });

  it('a type switched off after the upgrade stays off', async () => {
    const store = await storeHolding({ id: 'local', settings: legacyDocument(), updatedAt: 1 });
    const upgraded = await store.getLocal();
    await store.saveLocal({
      ...upgraded,
      extraction: {
        ...upgraded.extraction,
        types: upgraded.extraction.types.filter((t) => t !== 'mac' && t !== 'filename'),
      },
      mapping: upgraded.mapping.filter((r) => r.respondField !== 'file_name'),
    });
    const again = await store.getLocal();
    expect(again.extraction.types).not.toContain('mac');
    expect(again.extraction.types).not.toContain('filename');
    expect(again.extraction.types).toContain('ssdeep');
    expect(again.mapping.some((r) => r.ctixTypes.includes('file'))).toBe(false);
  });

  it('a document that already lists a new type was saved by a build that offered all of them', async () => {
    const s = defaultSettings();
    const settings = {
      ...s,
      extraction: { ...s.extraction, types: s.extraction.types.filter((t) => t !== 'mac') },
    };
    const store = await storeHolding({ id: 'local', settings, updatedAt: 1 });
    expect((await store.getLocal()).extraction.types).not.toContain('mac');
  });

  it('leaves an up-to-date document as it is, and a fresh profile on the defaults', async () => {
    const store = await storeHolding(null);
    expect(await store.getLocal()).toEqual(defaultSettings());
    const mine = { ...defaultSettings(), actionLabel: 'Mine' };
    await store.saveLocal(mine);
    expect(await store.getLocal()).toEqual(mine);
    const same = defaultSettings();
    expect(withNewIocTypes(same, EXTRACTABLE_IOC_TYPES)).toBe(same);
  });

  it('infers what a document knew from its type list', () => {
    expect(inferKnownTypes(['ipv4', 'domain'])).toEqual(LEGACY_IOC_TYPES);
    expect(inferKnownTypes(['ipv4', 'ssdeep'])).toEqual(EXTRACTABLE_IOC_TYPES);
    expect(inferKnownTypes([])).toEqual(LEGACY_IOC_TYPES);
  });
});
