import { defaultSettings } from '../settings/defaults';
import { inferKnownTypes, withNewIocTypes } from '../settings/migrate';
import { EXTRACTABLE_IOC_TYPES, settingsSchema, type Settings } from '../settings/schema';
import type { BridgeDb } from './db';
import { applyPolicy, type MergedSettings } from './policy';

/** The subset of `browser.storage.managed` we read; absent on browsers without policy. */
export interface ManagedStorageArea {
  get(keys?: null): Promise<Record<string, unknown>>;
}

/**
 * Read the admin policy. Chrome throws when the manifest has no schema and Firefox when no
 * policy exists; both mean "no policy", never a reason to stop working.
 */
export async function readManagedPolicy(
  area: ManagedStorageArea | undefined,
): Promise<Record<string, unknown>> {
  if (!area) return {};
  try {
    return (await area.get(null)) ?? {};
  } catch {
    return {};
  }
}

export interface SettingsStore {
  /** What the options page saved (defaults until then); no policy applied. */
  getLocal(): Promise<Settings>;
  saveLocal(settings: Settings): Promise<void>;
  /** Local settings with policy applied: what every part of the extension uses. */
  getEffective(): Promise<MergedSettings>;
}

export interface SettingsStoreDeps {
  getDb: () => Promise<BridgeDb>;
  readPolicy: () => Promise<unknown>;
  now?: () => number;
  /** Final touches on the effective settings (e.g. deriving the Respond UI URL). */
  finalize?: (settings: Settings) => Settings;
}

/**
 * A stored document from an older build may lack newer fields or hold values a newer schema
 * refuses: lay its valid values over the defaults (the same rule as admin policy).
 */
function withDefaults(stored: unknown): Settings {
  const direct = settingsSchema.safeParse(stored);
  return direct.success ? direct.data : applyPolicy(defaultSettings(), stored).settings;
}

export function createSettingsStore(deps: SettingsStoreDeps): SettingsStore {
  const now = deps.now ?? Date.now;
  const finalize = deps.finalize ?? ((s: Settings) => s);

  async function getLocal(): Promise<Settings> {
    const db = await deps.getDb();
    const row = await db.get('settings', 'local');
    if (!row) return defaultSettings();
    const settings = withDefaults(row.settings);
    // Types added since this document was saved start enabled and mapped (never a type the
    // analyst saw and switched off). Nothing is written back: the next save records them.
    return withNewIocTypes(settings, row.knownTypes ?? inferKnownTypes(settings.extraction.types));
  }

  return {
    getLocal,
    async saveLocal(settings) {
      const parsed = settingsSchema.parse(settings);
      const db = await deps.getDb();
      await db.put('settings', {
        id: 'local',
        settings: parsed,
        updatedAt: now(),
        // Saved from an options page that offered every type: what is off now was chosen.
        knownTypes: [...EXTRACTABLE_IOC_TYPES],
      });
    },
    async getEffective() {
      const [local, policy] = await Promise.all([getLocal(), deps.readPolicy()]);
      const merged = applyPolicy(local, policy);
      return { ...merged, settings: finalize(merged.settings) };
    },
  };
}
