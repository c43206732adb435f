/**
 * Functions the background runs in a page with scripting.executeScript({ func, args }). They
 * are serialised with Function.prototype.toString and run in the extension's isolated world,
 * so each one is self-contained: no imports, no helpers, no closure over module scope. They
 * only READ the page and return plain, structured-clonable data.
 */

export interface CapturedPage {
  url: string;
  title: string;
  /** document.contentType: 'application/pdf' means the PDF viewer, where no dialog can live. */
  contentType: string;
}

export interface CapturedText extends CapturedPage {
  text: string;
  /** The text was longer than the cap and was cut. */
  truncated: boolean;
  /** Characters before any cut, for the "N MB" progress line. */
  totalChars: number;
}

/**
 * The full selection: the menu's `selectionText` is cut (about 150 characters in some
 * browsers) and whitespace-normalised, so the IOC table a user selected would lose rows.
 * A selection inside a text field is not in getSelection() in every browser: read it there.
 */
export function readSelectionInPage(maxChars: number): CapturedText {
  let text = '';
  const active = document.activeElement;
  if (
    active instanceof HTMLTextAreaElement ||
    (active instanceof HTMLInputElement && /^(?:text|search|url|email|tel)$/.test(active.type))
  ) {
    const start = active.selectionStart;
    const end = active.selectionEnd;
    if (start !== null && end !== null && end > start) text = active.value.slice(start, end);
  }
  if (!text) {
    const selection = window.getSelection();
    text = selection ? selection.toString() : '';
  }
  return {
    url: location.href,
    title: document.title,
    contentType: document.contentType,
    text: text.slice(0, maxChars),
    truncated: text.length > maxChars,
    totalChars: text.length,
  };
}

/**
 * The visible text of the link the menu was opened on. The menu only gives its URL, so the
 * first link with that exact resolved href and some text wins (an image link falls back to
 * its label or the image's alt text).
 */
export function readLinkInPage(linkUrl: string, maxChars: number): CapturedText {
  let text = '';
  const links = document.querySelectorAll('a[href], area[href]');
  for (const link of Array.from(links)) {
    if (!(link instanceof HTMLAnchorElement || link instanceof HTMLAreaElement)) continue;
    if (link.href !== linkUrl) continue;
    const image = link.querySelector('img[alt]');
    const candidate =
      (link instanceof HTMLAnchorElement ? link.innerText : '') ||
      link.getAttribute('aria-label') ||
      (image ? image.getAttribute('alt') : '') ||
      '';
    if (candidate.trim()) {
      text = candidate;
      break;
    }
  }
  return {
    url: location.href,
    title: document.title,
    contentType: document.contentType,
    text: text.slice(0, maxChars),
    truncated: text.length > maxChars,
    totalChars: text.length,
  };
}

/**
 * The page's rendered text (document.body.innerText: what a reader sees, block by block, no
 * script or style text). On a big page one innerText call would hold the page's thread for a
 * long time, so big subtrees are split: each chunk is read in its own task, yielding in
 * between so the page keeps painting and answering input.
 */
export async function readPageInPage(maxChars: number, chunkChars: number): Promise<CapturedText> {
  const body = document.body;
  const meta = { url: location.href, title: document.title, contentType: document.contentType };
  if (!body) return { ...meta, text: '', truncated: false, totalChars: 0 };
  // Inside: this function is serialised alone, so it cannot use anything from module scope.
  // oxlint-disable-next-line unicorn/consistent-function-scoping
  const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

  const total = (body.textContent ?? '').length;
  if (total <= chunkChars) {
    const text = body.innerText;
    return {
      ...meta,
      text: text.slice(0, maxChars),
      truncated: text.length > maxChars,
      totalChars: text.length,
    };
  }

  // Split into nodes whose text is at most chunkChars (descending into bigger ones), then read
  // them in document order, batching small ones up to chunkChars per task.
  const parts: string[] = [];
  let length = 0;
  let budget = chunkChars;
  let truncated = false;
  const stack: Node[] = Array.from(body.childNodes).toReversed();
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const size = (node.textContent ?? '').length;
    if (node instanceof HTMLElement) {
      if (size > chunkChars && node.childNodes.length > 0) {
        for (const child of Array.from(node.childNodes).toReversed()) stack.push(child);
        continue;
      }
      const tag = node.tagName;
      if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') continue;
      const text = node.innerText;
      parts.push(text);
      length += text.length + 1;
    } else if (node.nodeType === Node.TEXT_NODE) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ');
      if (text.trim()) {
        parts.push(text);
        length += text.length + 1;
      }
    } else {
      continue;
    }
    if (length >= maxChars) {
      truncated = true;
      break;
    }
    budget -= size;
    if (budget <= 0) {
      budget = chunkChars;
      await yieldToPage();
    }
  }
  const text = parts.join('\n');
  return {
    ...meta,
    text: text.slice(0, maxChars),
    truncated: truncated || text.length > maxChars,
    totalChars: Math.max(total, text.length),
  };
}
