import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { ReviewDialog } from '../../components/review/ReviewDialog';
import { MessengerProvider } from '../../components/shared/messenger-context';
import { createMessenger } from '../../utils/messaging/client';
import { createReviewSubscription } from '../../utils/review/review-subscription';
import './style.css';

/**
 * The one review page, in two hosts: review.html?id=<reviewId>&host=frame is framed over a web
 * page by the host script; review.html?id=<reviewId> is its own window, for pages that cannot
 * host the frame (browser pages, the PDF viewer, the web stores, a CSP that blocks it).
 */
const params = new URLSearchParams(location.search);
const reviewId = params.get('id') ?? '';
const framed = params.get('host') === 'frame';
const messenger = createMessenger();
const subscribe = createReviewSubscription({
  reviewId,
  connect: (name) => browser.runtime.connect({ name }),
});
document.documentElement.dataset.host = framed ? 'frame' : 'window';

if (!framed) {
  // Closing the window by its frame ends the review too (the worker also sees the tab go).
  window.addEventListener('pagehide', () => {
    if (reviewId) void messenger('review.close', { reviewId }).catch(() => undefined);
  });
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <MessengerProvider messenger={messenger}>
        <ReviewDialog
          variant={framed ? 'overlay' : 'window'}
          reviewId={reviewId}
          subscribe={subscribe}
          guardVisibility={framed}
          onOpenOptions={() => void browser.runtime.openOptionsPage()}
          // Framed: review.close makes the worker take the frame down.
          onClose={() => (framed ? undefined : window.close())}
        />
      </MessengerProvider>
    </StrictMode>,
  );
}
