import type { AppExtension } from '../background/app';
import type { Services } from '../background/services';
import { senderRole } from '../messaging/router';
import { createReview, type Review } from '../review/create-review';
import { REVIEW_PAGE } from '../review/port-protocol';
import type { SessionArea } from '../store/session-area';
import { createCapture, type Capture, type CaptureBrowser } from './create-capture';

/**
 * The flows built on the services: the review first, then capture (which hands the review its
 * drafts). Passed as `extend` to createBackgroundApp, so the order is services → flows →
 * router, and each piece gets what it needs as a parameter.
 */

export interface FlowsExtension extends AppExtension {
  review: Review;
  capture: Capture;
}

export interface FlowsDeps {
  browser: CaptureBrowser & { storage: { session: SessionArea } };
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
    return {
      review,
      capture,
      handlers: { ...review.handlers, ...capture.handlers },
      beforeCreate: review.beforeCreate,
      isShowing: review.isShowing,
      onSettingsChanged: () => capture.onSettingsChanged(),
    };
  };
}
