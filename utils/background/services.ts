import type { CywareClients } from './clients';
import type { HistoryStore } from '../store/history';
import type { OutboxStore } from '../store/outbox';
import type { SecretLock } from '../store/secret-lock';
import type { SecretStore } from '../store/secrets';
import type { SettingsStore } from '../store/settings-store';
import type { StatusStore } from '../store/status-store';

/** What the core handlers work with; built by ./app.ts, faked piecemeal by tests. */
export interface Services {
  now: () => number;
  settings: SettingsStore;
  secrets: SecretStore;
  /** The optional passphrase lock over the secrets (issue 13). */
  lock: SecretLock;
  statusStore: StatusStore;
  history: HistoryStore;
  outbox: OutboxStore;
  clients: CywareClients;
  /** Something pages show changed: bump the change signal, refresh the badge. */
  changed: () => Promise<void>;
  /** Told after every `changed` (e.g. open reviews learn their incident's new state). */
  onChanged: (listener: () => void) => () => void;
  /** Wake the outbox runner; never awaited by a handler (the page is not kept waiting). */
  kickOutbox: () => void;
  /** Settings, secrets or policy changed. */
  settingsChanged: () => Promise<void>;
}
