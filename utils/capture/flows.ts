import type { AppExtension } from '../background/app';
import type { Services } from '../background/services';
import { senderRole } from '../messaging/router';
import { createReview, type Review } from '../review/create-review';
import { REVIEW_PAGE } from '../review/port-protocol';
import type { SessionArea } from '../store/session-area';
import { createOverlayHandlers } from '../overlay/overlay-handlers';
import { createPickHandler } from '../overlay/pick-handler';
import { overlayOrigin } from '../overlay/origin';
import {
  createOverlayRegistration,
  type OverlayRegistration,
  type RegistrationApis,
} from '../overlay/registration';
import { newRequestId } from '../review/request-id';
import { createTagWriter, type TagArea } from '../overlay/tag-writer';
import { createCapture, type Capture, type CaptureBrowser } from './create-capture';
import { createCtixFlow, type CtixFlow } from './ctix-flow';
import { createReviewOpener } from './open-review';

/**
 * The flows built on the services: the review first, then capture (which hands the review its
 * drafts). Passed as `extend` to createBackgroundApp, so the order is services → flows →
 * router, and each piece gets what it needs as a parameter.
 */

export interface FlowsExtension extends AppExtension {
  review: Review;
  capture: Capture;
  /** The Intel Exchange overlay's flow and its content-script registration. */
  ctix: CtixFlow;
  overlay: OverlayRegistration;
}

export interface FlowsDeps {
  browser: CaptureBrowser & { storage: { session: SessionArea; local: TagArea } } & {
    scripting: RegistrationApis['scripting'];
    permissions: RegistrationApis['permissions'];
    tabs: RegistrationApis['tabs'];
  };
  /** This extension's ID and static origin (the router's sender check uses the same). */
  identity: { extensionId: string; extensionOrigin: string };
  log?: (message: string, error?: unknown) => void;
}

export function flowsExtension(deps: FlowsDeps): (services: Services) => FlowsExtension {
  return (services) => {
    const review = createReview({
      storage: deps.browser.storage,
      services,
      roleOf: (sender) => (sender ? senderRole(sender, deps.identity) : null),
      ...(deps.log ? { log: deps.log } : {}),
    });
    const capture = createCapture({
      browser: deps.browser,
      services,
      review,
      reviewPage: `${deps.identity.extensionOrigin}${REVIEW_PAGE}`,
      ...(deps.log ? { log: deps.log } : {}),
    });
    const log = deps.log ?? (() => undefined);
    const getSettings = async () => (await services.settings.getEffective()).settings;
    const ctix = createCtixFlow({
      ctix: () => services.clients.ctix,
      ctixConfigured: async () => (await services.clients.getConfig('ctix')) !== null,
      store: review.store,
      ports: review.ports,
      openReview: createReviewOpener({
        scripting: deps.browser.scripting,
        windows: deps.browser.windows,
        store: review.store,
        ports: review.ports,
        reviewUrl: (id) =>
          `${deps.identity.extensionOrigin}${REVIEW_PAGE}?id=${encodeURIComponent(id)}`,
        log,
      }),
      getSettings,
      uiOrigin: overlayOrigin,
      newId: newRequestId,
      now: Date.now,
      log,
    });
    const tags = createTagWriter({
      ctix: () => services.clients.ctix,
      area: deps.browser.storage.local,
      now: Date.now,
      enabled: async () => (await getSettings()).overlay.tagObjects,
      log,
    });
    const overlay = createOverlayRegistration({
      apis: deps.browser,
      wantedOrigin: async () => overlayOrigin(await getSettings()),
      log,
    });
    return {
      review,
      capture,
      ctix,
      overlay,
      handlers: {
        ...review.handlers,
        ...capture.handlers,
        ...createOverlayHandlers({ services, flow: ctix, tags, log }),
        ...createPickHandler({ store: review.store, flow: ctix }),
      },
      beforeCreate: review.beforeCreate,
      isShowing: review.isShowing,
      async onCreated(record) {
        const objects = record.source.ctixSources ?? [];
        if (objects.length === 0 || !record.readableId) return;
        await tags.enqueue({ incidentId: record.id, readableId: record.readableId, objects });
        await tags.run();
      },
      onTick: () => tags.run(),
      async onSettingsChanged() {
        await capture.onSettingsChanged();
        await overlay.reconcile().catch(() => undefined);
      },
    };
  };
}
