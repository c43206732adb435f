import type { Services } from '../background/services';
import { HandlerError, type HandlerContext, type Handlers } from '../messaging/router';
import type { CtixObjectRef, ObjectIncident } from '../model/overlay';
import { toHistoryItem } from '../store/history';
import { bulletinSources } from './containers';
import { isOnOrigin, overlayOrigin } from './origin';
import { readableIdOfTag } from './tags';

/**
 * overlay.config / overlay.incidents / overlay.review, for our overlay content script. The
 * script is registered for the Intel Exchange host only, and every handler checks again that
 * the sender's page is on the configured origin (scheme, host and port) in the tab's top frame:
 * a page on another port of the same host gets nothing.
 */

/** The overlay's review flow (utils/capture/ctix-flow.ts). */
export interface OverlayFlow {
  start(trigger: {
    tabId: number;
    pageUrl: string;
    pageTitle: string;
    objects: readonly CtixObjectRef[];
    entry: 'object' | 'row' | 'bulk' | 'bulletin' | 'investigation';
    container?: { kind: 'bulletin' | 'investigation'; id: string; nodes?: readonly string[] };
  }): Promise<{ started: boolean; reason?: string }>;
}

export interface OverlayHandlerDeps {
  services: Pick<Services, 'settings' | 'history' | 'clients'>;
  flow: OverlayFlow;
  /** Tags still to be written: their incidents show a warning on the object page. */
  tags?: { pending(): Promise<{ incidentId: string; attempts: number; error?: string }[]> };
  log?: (message: string, error?: unknown) => void;
}

const NOT_HERE = 'The Intel Exchange overlay is not set up for this page.';

export function createOverlayHandlers(deps: OverlayHandlerDeps): Handlers {
  const { services } = deps;

  async function onOverlayPage(ctx: HandlerContext) {
    const { settings } = await services.settings.getEffective();
    const origin = overlayOrigin(settings);
    const topFrame = (ctx.sender.frameId ?? 0) === 0;
    const ok = topFrame && isOnOrigin(ctx.sender.tab?.url ?? ctx.sender.url, origin);
    return { settings, ok };
  }

  return {
    async 'overlay.config'(_payload, ctx) {
      const { settings, ok } = await onOverlayPage(ctx);
      if (!ok) return { enabled: false };
      return {
        enabled: true,
        routes: settings.routes,
        actionLabel: settings.actionLabel,
        bulkLimit: settings.overlay.bulkLimit,
      };
    },

    async 'overlay.incidents'({ type, id }, ctx) {
      const { ok } = await onOverlayPage(ctx);
      if (!ok) throw new HandlerError(NOT_HERE);
      const waiting = new Map(
        (await deps.tags?.pending().catch(() => []))?.map((j) => [j.incidentId, j]) ?? [],
      );
      const local: ObjectIncident[] = (await services.history.forObject(id))
        .map(toHistoryItem)
        .filter((item) => item.readableId !== undefined)
        .map((item) => {
          const job = waiting.get(item.id);
          return {
            readableId: item.readableId ?? '',
            title: item.title,
            createdAt: item.createdAt,
            from: 'history' as const,
            ...(item.link === undefined ? {} : { link: item.link }),
            ...(job?.error === undefined
              ? {}
              : { warning: `Not yet tagged in Intel Exchange: ${job.error}` }),
          };
        });
      // Intel Exchange's own record: every analyst's incidents, as tags on the object.
      const tagged: ObjectIncident[] = [];
      // Bulletins and investigations (issue 12) are no threat data objects: they have no tags.
      const container = type === 'bulletin' || type === 'investigation';
      if (!container && (await services.clients.getConfig('ctix')) !== null) {
        try {
          const object = await services.clients.ctix.getObject(type, id);
          for (const tag of object.tags ?? []) {
            const readableId = readableIdOfTag(tag.name ?? '');
            if (readableId) tagged.push({ readableId, from: 'tag' });
          }
        } catch (error) {
          deps.log?.('reading the object’s tags failed', error);
        }
      }
      const known = new Set(local.map((i) => i.readableId));
      const items = [...local, ...tagged.filter((t) => !known.has(t.readableId))];
      return { items };
    },

    async 'overlay.review'(payload, ctx) {
      const { ok } = await onOverlayPage(ctx);
      const tabId = ctx.sender.tab?.id;
      if (!ok || tabId === undefined) throw new HandlerError(NOT_HERE);
      const page = { tabId, pageUrl: ctx.sender.tab?.url ?? ctx.sender.url ?? '', pageTitle: '' };
      const start = await deps.flow.start(
        'objects' in payload
          ? { ...page, objects: payload.objects, entry: payload.entry }
          : {
              ...page,
              objects: [],
              entry: payload.entry,
              container: {
                kind: payload.entry,
                id: payload.id,
                ...(payload.nodes ? { nodes: payload.nodes } : {}),
              },
            },
      );
      return start.reason === undefined
        ? { started: start.started }
        : { started: start.started, reason: start.reason };
    },

    async 'overlay.container'({ kind, id }, ctx) {
      const { ok } = await onOverlayPage(ctx);
      if (!ok) throw new HandlerError(NOT_HERE);
      // Investigations are always usable; a bulletin is not while it is a draft or has no report.
      if (kind === 'investigation' || (await services.clients.getConfig('ctix')) === null) {
        return { usable: true };
      }
      try {
        const usable = bulletinSources(await services.clients.ctix.getBulletin(id));
        return usable.ok ? { usable: true } : { usable: false, reason: usable.reason };
      } catch (error) {
        deps.log?.('reading the bulletin failed', error);
        // The review says what failed when the analyst tries.
        return { usable: true };
      }
    },
  };
}
