import type { Page } from 'puppeteer';

/** An element's text with whitespace collapsed; '' when it is not there (yet). */
export async function textOf(page: Page, selector: string): Promise<string> {
  return page
    .$eval(selector, (el) => el.textContent ?? '')
    .then((t) => t.replace(/\s+/g, ' ').trim())
    .catch(() => '');
}

/** Waits up to 15 s for an element's text to match; throws with the last text seen. */
export async function waitForText(page: Page, selector: string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = await textOf(page, selector);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`${selector}: "${text}" never matched ${pattern}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
