import { useState } from 'react';
import type { SettingsView } from '../../utils/model/views';
import {
  hostPatterns,
  requestHostAccess,
  type PermissionsLike,
} from '../../utils/options/host-access';
import {
  describeSettingsPath,
  exportFileName,
  MAX_IMPORT_BYTES,
} from '../../utils/options/settings-file';
import { useMessenger } from '../shared/messenger-context';

type Message = { tone: 'ok' | 'warn' | 'error'; text: string };

/**
 * Export the saved settings (never the secret keys) as a versioned JSON file, and import such
 * a file. The background checks an import completely and stores nothing unless all of it is
 * valid; its errors are listed per field.
 */
export function ImportExport(props: {
  dirty: boolean;
  permissions: PermissionsLike;
  download: (fileName: string, text: string) => void;
  now: () => number;
  onImported: (view: SettingsView) => void;
}) {
  const request = useMessenger();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [grant, setGrant] = useState<string[]>([]);

  async function onExport(): Promise<void> {
    setBusy(true);
    setErrors([]);
    try {
      const { json } = await request('settings.export', {});
      const name = exportFileName(props.now());
      props.download(name, json);
      setMessage({
        tone: 'ok',
        text: `Exported the saved settings as ${name} (without secret keys).`,
      });
    } catch (error) {
      setMessage({
        tone: 'error',
        text: `Export failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      setBusy(false);
    }
  }

  async function onFile(file: File): Promise<void> {
    setBusy(true);
    setErrors([]);
    setGrant([]);
    setMessage(null);
    try {
      if (file.size > MAX_IMPORT_BYTES) {
        setMessage({
          tone: 'error',
          text: `${file.name} is too big for a settings file; nothing was changed.`,
        });
        return;
      }
      const result = await request('settings.import', { json: await file.text() });
      if (!result.ok) {
        setErrors(result.errors);
        setMessage({
          tone: 'error',
          text: `${file.name} was not imported and nothing was changed: ${result.errors.length === 1 ? 'one problem' : `${result.errors.length} problems`}.`,
        });
        return;
      }
      props.onImported(result.view);
      const patterns = hostPatterns(result.view.settings);
      const missing: string[] = [];
      for (const pattern of patterns) {
        const has = await props.permissions.contains({ origins: [pattern] }).catch(() => false);
        if (!has) missing.push(pattern);
      }
      setGrant(missing);
      setMessage({
        tone: missing.length > 0 ? 'warn' : 'ok',
        text:
          `Imported the settings from ${file.name}. Secret keys are never in a settings file: enter them if this browser has none.` +
          (missing.length > 0 ? ' The extension has no access to the imported URLs yet.' : ''),
      });
    } catch (error) {
      setMessage({
        tone: 'error',
        text: `Import failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="import-export">
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={() => void onExport()}>
          Export settings
        </button>
      </div>
      <div className="field">
        <label htmlFor="import-file">Import settings from a file</label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          disabled={busy || props.dirty}
          aria-describedby="import-file-hint"
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (file) void onFile(file).finally(() => (input.value = ''));
          }}
        />
        <p className="hint" id="import-file-hint">
          {props.dirty
            ? 'Save or discard your changes first: an import replaces all settings.'
            : 'A file exported by this extension. It replaces all settings except the secret keys; a file with any error changes nothing.'}
        </p>
      </div>
      <div role="status" aria-live="polite" className="import-result">
        {message ? <p className={`tone-${message.tone}`}>{message.text}</p> : null}
        {errors.length > 0 ? (
          <ul className="import-errors">
            {errors.map((e, i) => (
              <li key={`${e.path}-${i}`}>
                <strong>{describeSettingsPath(e.path)}</strong>
                {e.path === '' ? (
                  ''
                ) : (
                  <>
                    {' '}
                    (<code>{e.path}</code>)
                  </>
                )}
                : {e.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {grant.length > 0 ? (
        <button
          type="button"
          onClick={() => {
            const granted = requestHostAccess(props.permissions, grant);
            void granted.then((ok) => {
              if (ok) {
                setGrant([]);
                setMessage({ tone: 'ok', text: 'Access granted.' });
              }
            });
          }}
        >
          Grant access to {grant.join(' and ')}
        </button>
      ) : null}
    </div>
  );
}
