import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ResponseOf } from '../../utils/messaging/contract';
import type { SettingsView } from '../../utils/model/views';
import { changedSections, type SectionKey } from '../../utils/options/diff';
import {
  formFromView,
  secretsFromForm,
  settingsFromForm,
  type OptionsForm,
} from '../../utils/options/form';
import {
  hostPatterns,
  releaseOtherHosts,
  requestHostAccess,
  type PermissionsLike,
} from '../../utils/options/host-access';
import { loadAllowlistCheck, loadedAllowlistCheck } from '../../utils/options/allowlist-check';
import { hasAllowlistEntries, validateForm, type FieldErrors } from '../../utils/options/validate';
import { useMessenger } from '../shared/messenger-context';

export interface Notice {
  tone: 'ok' | 'warn' | 'error';
  text: string;
}

export type IocTypeList = ResponseOf<'ctix.iocTypes'>;

export interface OptionsPage {
  view: SettingsView | null;
  form: OptionsForm | null;
  /** Bumped whenever the form is reset from saved settings (remounts write-only inputs). */
  generation: number;
  loadError: string | null;
  errors: FieldErrors;
  changed: SectionKey[];
  saving: boolean;
  notice: Notice | null;
  iocTypes: IocTypeList | null;
  reloadTypes(): void;
  update(fn: (form: OptionsForm) => OptionsForm): void;
  /** Must be called straight from a click handler: it asks for host access first. */
  save(): Promise<boolean>;
  discard(): void;
  /** Settings replaced by the background (import): show them, dropping nothing unsaved. */
  replaceView(view: SettingsView): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function focusFirstInvalid(): void {
  // After React has drawn the errors: the first invalid field gets the keyboard focus.
  setTimeout(() => {
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, 0);
}

export function useOptionsPage(permissions: PermissionsLike): OptionsPage {
  const request = useMessenger();
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<OptionsForm | null>(null);
  const [generation, setGeneration] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [iocTypes, setIocTypes] = useState<IocTypeList | null>(null);

  const applyView = useCallback((next: SettingsView) => {
    setView(next);
    setForm(formFromView(next));
    setGeneration((g) => g + 1);
  }, []);

  const loadTypes = useCallback(() => {
    request('ctix.iocTypes', {})
      .then(setIocTypes)
      .catch(() => setIocTypes(null));
  }, [request]);

  useEffect(() => {
    let live = true;
    request('settings.get', {})
      .then((v) => {
        if (live) applyView(v);
      })
      .catch((error: unknown) => {
        if (live) setLoadError(messageOf(error));
      });
    loadTypes();
    return () => {
      live = false;
    };
  }, [request, applyView, loadTypes]);

  // The allowlist check loads on demand (utils/options/allowlist-check.ts); its arrival
  // recomputes the errors.
  const [allowlistCheck, setAllowlistCheck] = useState(loadedAllowlistCheck);
  const [allowlistLoadError, setAllowlistLoadError] = useState<string | null>(null);
  const needsAllowlistCheck = form !== null && hasAllowlistEntries(form.extraction.allowlist);
  useEffect(() => {
    if (!needsAllowlistCheck || allowlistCheck !== null) return;
    let live = true;
    loadAllowlistCheck().then(
      (check) => {
        if (live) setAllowlistCheck(() => check);
      },
      (error: unknown) => {
        if (live) setAllowlistLoadError(messageOf(error));
      },
    );
    return () => {
      live = false;
    };
  }, [needsAllowlistCheck, allowlistCheck]);

  const errors = useMemo(() => {
    if (!form) return {};
    const found = validateForm(form, allowlistCheck);
    if (allowlistLoadError !== null && found['extraction.allowlist'] !== undefined) {
      found['extraction.allowlist'] =
        `The allowlist could not be checked (${allowlistLoadError}); reload the page.`;
    }
    return found;
  }, [form, allowlistCheck, allowlistLoadError]);
  const changed = useMemo(
    () => (form && view ? changedSections(form, view.settings) : []),
    [form, view],
  );

  const update = useCallback((fn: (f: OptionsForm) => OptionsForm) => {
    setForm((f) => (f ? fn(f) : f));
  }, []);

  function save(): Promise<boolean> {
    if (!form || saving) return Promise.resolve(false);
    const count = Object.keys(errors).length;
    if (count > 0) {
      setNotice({
        tone: 'error',
        text: `Nothing was saved: ${count} field${count === 1 ? ' needs' : 's need'} fixing; each is marked on the page.`,
      });
      focusFirstInvalid();
      return Promise.resolve(false);
    }
    const settings = settingsFromForm(form);
    const secrets = secretsFromForm(form);
    const patterns = hostPatterns(settings);
    // First, before any await: the browser shows its prompt only during the click's gesture.
    const granted = requestHostAccess(permissions, patterns);
    setSaving(true);
    setNotice(null);
    return (async () => {
      try {
        if (!(await granted)) {
          setNotice({
            tone: 'error',
            text: `Nothing was saved: the browser did not grant access to ${patterns.join(' and ')}. The extension needs it to reach your tenant; save again and allow access when asked.`,
          });
          return false;
        }
        const next = await request('settings.save', { settings, secrets });
        applyView(next);
        setNotice({ tone: 'ok', text: 'Settings saved.' });
        loadTypes();
        void releaseOtherHosts(permissions, patterns);
        return true;
      } catch (error) {
        setNotice({ tone: 'error', text: `Nothing was saved: ${messageOf(error)}` });
        return false;
      } finally {
        setSaving(false);
      }
    })();
  }

  function discard(): void {
    if (view) applyView(view);
    setNotice(null);
  }

  function replaceView(next: SettingsView): void {
    applyView(next);
    loadTypes();
  }

  return {
    view,
    form,
    generation,
    loadError,
    errors,
    changed,
    saving,
    notice,
    iocTypes,
    /** The tenant's IOC types again (after a passing Intel Exchange test, say). */
    reloadTypes: loadTypes,
    update,
    save,
    discard,
    replaceView,
  };
}
