import { runInPage, type InjectionTarget, type ScriptingLike } from './browser-ports';
import { readPageInPage, takeStashedTextInPage, type CapturedText } from './page-scripts';

/**
 * The page's text, read in the page and then handed over in pieces. One executeScript result
 * of 8 MB is serialised in one task on the page's thread, which froze a 50 MB page for a few
 * hundred ms after the reader itself had yielded all along (issue 17); a piece of
 * TRANSFER_CHARS costs a fraction of that, and the page runs between pieces.
 */

export const TRANSFER_CHARS = 512 * 1024;

export async function readPageText(
  scripting: ScriptingLike,
  target: InjectionTarget,
  maxChars: number,
  chunkChars: number,
  newKey: () => string = () => `__cftrPageText${crypto.randomUUID().replaceAll('-', '')}`,
): Promise<CapturedText> {
  const key = newKey();
  const read = await runInPage(scripting, target, readPageInPage, [maxChars, chunkChars, 25, key]);
  const length = read.stashedChars;
  if (length === undefined) return read;
  const pieces: string[] = [];
  // At least one take, so an empty text is removed from the page too.
  let offset = 0;
  do {
    pieces.push(
      await runInPage(scripting, target, takeStashedTextInPage, [key, offset, TRANSFER_CHARS]),
    );
    offset += TRANSFER_CHARS;
  } while (offset < length);
  const { stashedChars: _stashed, ...rest } = read;
  return { ...rest, text: pieces.join('') };
}
