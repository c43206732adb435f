/**
 * Where our controls go on a tenant whose markup we have never seen: few candidates, tried in
 * order, none of them sandbox-only (overlay-research.md §6.4). When none is found in time the
 * caller shows a floating action instead, so the action is never missing.
 */

const QUICK_ACTION_LABELS = ['quick actions', 'actions'];

const normalise = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/** The Quick Actions panel of an object page, or null. */
export function findQuickActions(doc: Document): Element | null {
  // Cyware's own QA hook (cy-test-id), then the panel's heading text.
  const hooked = doc.querySelector('[cy-test-id*="quick-action" i]');
  if (hooked) return hooked;
  return findPanelByHeading(doc, QUICK_ACTION_LABELS);
}

/** An investigation's Basic Details panel (issue 12), or null. */
export function findBasicDetails(doc: Document): Element | null {
  return (
    doc.querySelector('[cy-test-id*="basic-details" i]') ??
    findPanelByHeading(doc, ['basic details'])
  );
}

/**
 * A bulletin's menu area (issue 12): the "⋯" menu button next to the page's title, found by its
 * ARIA role (a menu button), never by the tenant's class names; its container, or null.
 */
export function findTitleMenu(doc: Document): Element | null {
  const title = doc.querySelector('h1');
  if (!title) return null;
  for (const button of doc.querySelectorAll('[aria-haspopup="menu" i], [aria-haspopup="true"]')) {
    const area = button.parentElement;
    // Near the title: in the same row (the title's parent) or the title's own container.
    if (area && title.parentElement?.contains(area)) return area;
  }
  return null;
}

/** The section around a heading with one of these texts (lower case), or null. */
function findPanelByHeading(doc: Document, labels: readonly string[]): Element | null {
  for (const heading of doc.querySelectorAll('h1, h2, h3, h4, [role=heading]')) {
    if (!labels.includes(normalise(heading.textContent))) continue;
    return (
      heading.closest('aside, section, [role=region], [role=complementary]') ??
      heading.parentElement
    );
  }
  return null;
}

/**
 * Resolves with the first non-null `find()` result, checked now and after DOM changes, or with
 * null after `ms` or when the signal aborts.
 */
export function waitForElement(
  doc: Document,
  find: () => Element | null,
  ms: number,
  signal: AbortSignal,
): Promise<Element | null> {
  const now = find();
  if (now || signal.aborted) return Promise.resolve(now);
  return new Promise((resolve) => {
    let frame = 0;
    const done = (value: Element | null) => {
      observer.disconnect();
      clearTimeout(timer);
      cancelAnimationFrame(frame);
      resolve(value);
    };
    const observer = new MutationObserver(() => {
      // Batched: one look per frame, however many mutations arrived.
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const found = find();
        if (found) done(found);
      });
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    const timer = setTimeout(() => done(find()), ms);
    signal.addEventListener('abort', () => done(null), { once: true });
  });
}
