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
  /**
   * Set when the text stayed in the page under the stash key (readPageInPage): its length. The
   * worker then takes it in pieces with takeStashedTextInPage.
   */
  stashedChars?: number;
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
 * script or style text). On a big page one innerText (or textContent) call would hold the
 * page's thread for seconds, so the reader works in slices of about `sliceMs`, yielding to
 * the page in between so it keeps painting and answering input:
 *  - it yields before touching the document at all;
 *  - sizes are counted from text nodes' lengths with a TreeWalker (no string is built) and
 *    only up to `chunkChars`, so no step ever reads the whole document at once;
 *  - a subtree whose text exceeds `chunkChars` is split into its children; each part is read
 *    with innerText, in document order.
 */
export async function readPageInPage(
  maxChars: number,
  chunkChars: number,
  sliceMs = 25,
  /**
   * Keep the text in this isolated-world global instead of returning it: handing 8 MB back in
   * one executeScript result is serialised in one go on the page's thread (hundreds of ms on a
   * big page), so the worker takes it in pieces instead.
   */
  stashKey = '',
): Promise<CapturedText> {
  // Inside: this function is serialised alone, so it cannot use anything from module scope.
  let sliceStart = 0;
  // oxlint-disable-next-line unicorn/consistent-function-scoping
  const pause = async () => {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    sliceStart = performance.now();
  };
  const maybePause = async () => {
    if (performance.now() - sliceStart >= sliceMs) await pause();
  };
  /** Text length of a subtree, counted up to just past `limit`. */
  const sizeUpTo = async (root: Node, limit: number): Promise<number> => {
    if (root.nodeType === Node.TEXT_NODE) return (root as Text).length;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let size = 0;
    let seen = 0;
    while (walker.nextNode()) {
      size += (walker.currentNode as Text).length;
      if (size > limit) return size;
      seen += 1;
      if (seen % 512 === 0) await maybePause();
    }
    return size;
  };

  await pause();
  const body = document.body;
  const meta = { url: location.href, title: document.title, contentType: document.contentType };
  if (!body) return { ...meta, text: '', truncated: false, totalChars: 0 };
  const finish = (text: string, truncated: boolean, totalChars: number): CapturedText => {
    if (!stashKey) return { ...meta, text, truncated, totalChars };
    Object.assign(globalThis, { [stashKey]: text });
    return { ...meta, text: '', truncated, totalChars, stashedChars: text.length };
  };

  if ((await sizeUpTo(body, chunkChars)) <= chunkChars) {
    await maybePause();
    const text = body.innerText;
    return finish(text.slice(0, maxChars), text.length > maxChars, text.length);
  }

  // Split into nodes whose text is at most chunkChars (descending into bigger ones), then read
  // them in document order. The stack holds "this node, then its following siblings", so an
  // element with a million children is never copied into an array.
  const parts: string[] = [];
  let length = 0;
  let truncated = false;
  const stack: Node[] = body.firstChild ? [body.firstChild] : [];
  while (stack.length > 0) {
    await maybePause();
    const node = stack.pop() as Node;
    if (node.nextSibling) stack.push(node.nextSibling);
    if (node instanceof HTMLElement) {
      const tag = node.tagName;
      if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') continue;
      if (node.firstChild && (await sizeUpTo(node, chunkChars)) > chunkChars) {
        stack.push(node.firstChild);
        continue;
      }
      await maybePause();
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
  }
  const text = parts.join('\n');
  // The rest of the page, for the "N MB" line: counted the same sliced way.
  let rest = 0;
  if (truncated) {
    for (const first of stack) {
      for (let node: Node | null = first; node; node = node.nextSibling) {
        rest += await sizeUpTo(node, Infinity);
        await maybePause();
      }
    }
  }
  return finish(text.slice(0, maxChars), truncated || text.length > maxChars, text.length + rest);
}

/**
 * A piece of the text readPageInPage left under `stashKey`; the last piece also removes it.
 * Self-contained like the others (serialised alone).
 */
export function takeStashedTextInPage(stashKey: string, offset: number, size: number): string {
  const all = (globalThis as unknown as Record<string, unknown>)[stashKey];
  if (typeof all !== 'string') throw new Error('The page text is no longer there.');
  const piece = all.slice(offset, offset + size);
  if (offset + size >= all.length) {
    delete (globalThis as unknown as Record<string, unknown>)[stashKey];
  }
  return piece;
}
