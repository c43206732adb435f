import {
  previewCreateRequest,
  SAMPLE_INCIDENT,
  TemplateError,
  validateTemplate,
} from '../cyware/template';
import type { Handlers } from '../messaging/router';
import { BUILTIN_CTIX_TYPES } from '../settings/ctix-types';
import type { LastTest } from '../store/status-store';
import { toErrorView } from './error-view';
import type { Services } from './services';
import { buildStatus } from './status';
import { sourceLinksOf } from '../outbox/prepare';

export function connectionHandlers(s: Services): Handlers {
  return {
    async 'connection.test'({ product }) {
      const at = s.now();
      let lastTest: LastTest;
      try {
        const { latencyMs } =
          product === 'ctix'
            ? await s.clients.ctix.ping()
            : await s.clients.respond.testConnectivity();
        lastTest = { ok: true, at, latencyMs };
      } catch (error) {
        lastTest = { ok: false, at, error: toErrorView(error) };
      }
      await s.statusStore.setLastTest(product, lastTest);
      await s.changed();
      return {
        ok: lastTest.ok,
        latencyMs: lastTest.latencyMs ?? Math.max(0, s.now() - at),
        ...(lastTest.error ? { error: lastTest.error } : {}),
      };
    },

    async 'ctix.iocTypes'() {
      const builtin = BUILTIN_CTIX_TYPES.map((t) => ({ id: t.id, name: t.name }));
      if (!(await s.clients.getConfig('ctix'))) return { source: 'builtin', types: builtin };
      try {
        const types = await s.clients.ctix.iocTypes();
        if (types.length === 0) return { source: 'builtin', types: builtin };
        return { source: 'tenant', types: types.map((t) => ({ id: t.id, name: t.name })) };
      } catch (error) {
        return { source: 'builtin', types: builtin, error: toErrorView(error) };
      }
    },

    async 'template.preview'({ template }) {
      const checked = validateTemplate(template.body);
      if (!checked.ok) return { ok: false, error: checked.error, line: checked.line };
      const { settings } = await s.settings.getEffective();
      try {
        const preview = previewCreateRequest({
          settings,
          template,
          // The sample's links computed as a real create computes them (CTIX object links).
          sample: {
            ...SAMPLE_INCIDENT,
            sourceLinks: sourceLinksOf(
              SAMPLE_INCIDENT.sourceUrl,
              SAMPLE_INCIDENT.ctixObjects,
              settings,
            ),
          },
          now: s.now(),
        });
        return { ok: true, preview };
      } catch (error) {
        if (error instanceof TemplateError)
          return { ok: false, error: error.message, line: error.line };
        throw error;
      }
    },

    'status.get': () => buildStatus(s),
  };
}
