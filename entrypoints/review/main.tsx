import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReviewDialog } from '../../components/review/ReviewDialog';
import { MessengerProvider } from '../../components/shared/messenger-context';
import { createMessenger } from '../../utils/messaging/client';
import './style.css';

/**
 * The review dialog in its own extension window, for pages that cannot be scripted (browser
 * pages, the PDF viewer, the web stores). review.html?id=<reviewId>.
 */
const reviewId = new URLSearchParams(location.search).get('id') ?? '';
const messenger = createMessenger();

// Closing the window by its frame ends the review too (the background also sees the tab go).
window.addEventListener('pagehide', () => {
  if (reviewId) void messenger('review.close', { reviewId }).catch(() => undefined);
});

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <MessengerProvider messenger={messenger}>
        <ReviewDialog variant="window" reviewId={reviewId} onClose={() => window.close()} />
      </MessengerProvider>
    </StrictMode>,
  );
}
