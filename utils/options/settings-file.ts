import { SECTION_LABELS, type SectionKey } from './diff';

/** Name of an exported settings file, dated so several exports can sit side by side. */
export function exportFileName(now: number): string {
  return `cftr-incident-bridge-settings-${new Date(now).toISOString().slice(0, 10)}.json`;
}

/** Files bigger than the contract accepts (1 MB of text) are refused before reading them. */
export const MAX_IMPORT_BYTES = 1_000_000;

/**
 * A readable place for an import error path ("cftr.baseUrl" → "Respond connection › baseUrl"),
 * kept next to the raw path so the admin can find it in the file.
 */
export function describeSettingsPath(path: string): string {
  if (path === '') return 'File';
  const [head, ...rest] = path.split('.');
  const section =
    head !== undefined && Object.hasOwn(SECTION_LABELS, head)
      ? SECTION_LABELS[head as SectionKey]
      : head;
  return rest.length === 0 ? (section ?? path) : `${section} › ${rest.join('.')}`;
}
