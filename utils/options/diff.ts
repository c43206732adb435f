import type { Settings } from '../settings/schema';
import { settingsFromForm, type OptionsForm } from './form';

/**
 * What the form changes compared with the saved settings, by page section, for the "Unsaved
 * changes" bar and the beforeunload warning. Both sides are normalised the same way
 * (settingsFromForm), so pasting the saved URL without its slash is no change.
 */

export const SECTION_LABELS = {
  ctix: 'Intel Exchange connection',
  cftr: 'Respond connection',
  mapping: 'Field mapping',
  template: 'Incident template',
  actionLabel: 'Action label',
  routes: 'Page routes',
  extraction: 'Extraction',
  rateLimits: 'Rate limits',
} as const;

export type SectionKey = keyof typeof SECTION_LABELS;

/** Structural equality of JSON-like values (key order ignored for objects). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && sameJson(ra[k], rb[k]));
}

export function changedSections(form: OptionsForm, saved: Settings): SectionKey[] {
  const current = settingsFromForm(form);
  const changed = (Object.keys(SECTION_LABELS) as SectionKey[]).filter(
    (key) => !sameJson(current[key], saved[key]),
  );
  // A secret being typed is a change of its connection even when nothing else moved.
  for (const product of ['ctix', 'cftr'] as const) {
    const draft = form.secrets[product];
    if (draft.editing && draft.value.trim() !== '' && !changed.includes(product)) {
      changed.push(product);
    }
  }
  return (Object.keys(SECTION_LABELS) as SectionKey[]).filter((k) => changed.includes(k));
}
