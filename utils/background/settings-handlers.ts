import { isApiError } from '../cyware/errors';
import type { Handlers } from '../messaging/router';
import { HandlerError } from '../messaging/router';
import type { SettingsView } from '../model/views';
import { defaultSettings } from '../settings/defaults';
import { SETTINGS_VERSION, settingsSchema, type Settings } from '../settings/schema';
import { inferKnownTypes, withNewIocTypes } from '../settings/migrate';
import { keepLocalAtLockedPaths } from '../store/policy';
import { originOf } from '../store/secrets';
import type { Services } from './services';
import { checkSettings, type FieldError } from './settings-checks';

/** Marks an exported file, so importing something else says so instead of failing oddly. */
export const EXPORT_FORMAT = 'cftr-incident-bridge/settings';

type SettingsServices = Pick<
  Services,
  'settings' | 'secrets' | 'clients' | 'changed' | 'settingsChanged' | 'now'
>;

/** Policy values are applied when read, never stored as the local settings (see policy.ts). */
async function withoutPolicyValues(s: SettingsServices, submitted: Settings): Promise<Settings> {
  const [local, { locked }] = await Promise.all([s.settings.getLocal(), s.settings.getEffective()]);
  return locked.length === 0 ? submitted : keepLocalAtLockedPaths(submitted, local, locked);
}

export async function settingsView(
  s: Pick<Services, 'settings' | 'secrets'>,
): Promise<SettingsView> {
  const { settings, locked } = await s.settings.getEffective();
  const [ctix, cftr] = await Promise.all([s.secrets.status('ctix'), s.secrets.status('cftr')]);
  return { settings, secrets: { ctix, cftr }, locked };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and values replace. A partial file keeps the defaults. */
function deepMerge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value);
  return out;
}

/** Parse and check an exported file; nothing is stored here. */
export function parseSettingsFile(json: string) {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (error) {
    const why = error instanceof Error ? error.message : 'syntax error';
    return {
      ok: false as const,
      errors: [{ path: '', message: `This is not valid JSON: ${why}` }],
    };
  }
  if (!isObject(doc)) {
    return {
      ok: false as const,
      errors: [{ path: '', message: 'Expected a JSON object of settings.' }],
    };
  }
  if (doc.format !== undefined && doc.format !== EXPORT_FORMAT) {
    return {
      ok: false as const,
      errors: [
        {
          path: 'format',
          message: `Not a settings export of this extension (format "${String(doc.format)}").`,
        },
      ],
    };
  }
  const raw = isObject(doc.settings) ? doc.settings : doc;
  const version = raw.version ?? doc.version;
  if (typeof version === 'number' && version > SETTINGS_VERSION) {
    return {
      ok: false as const,
      errors: [
        {
          path: 'version',
          message: `These settings come from a newer version of the extension (format ${version}); update the extension first.`,
        },
      ],
    };
  }
  const merged = deepMerge(defaultSettings(), { ...raw, version: SETTINGS_VERSION });
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    return { ok: false as const, errors };
  }
  // A file exported by an older build predates some IOC types: they start enabled and mapped.
  const checked = checkSettings(
    withNewIocTypes(parsed.data, inferKnownTypes(parsed.data.extraction.types)),
  );
  return checked.ok
    ? { ok: true as const, settings: checked.settings }
    : { ok: false as const, errors: checked.errors };
}

/** A secret cannot be stored while the passphrase lock is closed (issue 13): say so. */
async function setSecret(
  s: SettingsServices,
  product: 'ctix' | 'cftr',
  value: string,
  origin: string | undefined,
): Promise<void> {
  try {
    await s.secrets.set(product, value, origin);
  } catch (error) {
    if (!isApiError(error) || error.kind !== 'locked') throw error;
    throw new HandlerError(
      `${error.message}. The secret key was not saved: unlock (or set a passphrase) in "Secret lock" first. The other settings were saved.`,
    );
  }
}

export function settingsHandlers(s: SettingsServices): Handlers {
  return {
    'settings.get': () => settingsView(s),

    async 'settings.save'({ settings, secrets }) {
      const checked = checkSettings(await withoutPolicyValues(s, settings));
      if (!checked.ok)
        throw new HandlerError(checked.errors.map((e) => `${e.path}: ${e.message}`).join(' '));
      await s.settings.saveLocal(checked.settings);
      const { settings: effective } = await s.settings.getEffective();
      for (const product of ['ctix', 'cftr'] as const) {
        // Pasted keys often carry a trailing newline or space; a secret never does.
        const value = secrets[product]?.trim();
        // Bound to the origin it is saved with; settingsChanged clears any secret bound elsewhere.
        const origin = originOf(effective[product].baseUrl) ?? undefined;
        if (value) await setSecret(s, product, value, origin);
      }
      await s.settingsChanged();
      await s.changed();
      return settingsView(s);
    },

    async 'settings.export'() {
      const { settings } = await s.settings.getEffective();
      const file = {
        format: EXPORT_FORMAT,
        version: SETTINGS_VERSION,
        exportedAt: new Date(s.now()).toISOString(),
        settings,
      };
      return { json: JSON.stringify(file, null, 2) };
    },

    async 'settings.import'({ json }) {
      const parsed = parseSettingsFile(json);
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      await s.settings.saveLocal(await withoutPolicyValues(s, parsed.settings));
      await s.settingsChanged();
      await s.changed();
      return { ok: true, view: await settingsView(s) };
    },
  };
}
