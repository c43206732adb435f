import { describe, expect, it } from 'vitest';
import { readPageText, TRANSFER_CHARS } from '../../../utils/capture/page-transfer';
import { fakeScripting } from './flow-fakes';

describe('the page text handed over in pieces', () => {
  it('takes a big page in pieces of TRANSFER_CHARS, in order, and leaves nothing behind', async () => {
    const body = Array.from({ length: 3 * TRANSFER_CHARS + 10 }, (_, i) =>
      String.fromCharCode(97 + (i % 26)),
    ).join('');
    const { scripting, events, stash } = fakeScripting({ body });
    const read = await readPageText(scripting, { tabId: 1 }, 10 * TRANSFER_CHARS, 1000);
    expect(read.text).toBe(body);
    expect(read).not.toHaveProperty('stashedChars');
    expect(events.filter((e) => e.startsWith('take:'))).toEqual([
      'take:0',
      `take:${TRANSFER_CHARS}`,
      `take:${2 * TRANSFER_CHARS}`,
      `take:${3 * TRANSFER_CHARS}`,
    ]);
    expect(stash.size).toBe(0);
  });

  it('an empty page: one take, which clears the stash too', async () => {
    const { scripting, events, stash } = fakeScripting({ body: '' });
    const read = await readPageText(scripting, { tabId: 1 }, 1000, 1000);
    expect(read.text).toBe('');
    expect(events.filter((e) => e.startsWith('take:'))).toEqual(['take:0']);
    expect(stash.size).toBe(0);
  });

  it('keeps the cut: truncated and the total length come from the reader', async () => {
    const { scripting } = fakeScripting({ body: 'x'.repeat(5000) });
    const read = await readPageText(scripting, { tabId: 1 }, 1200, 1000);
    expect(read).toMatchObject({ text: 'x'.repeat(1200), truncated: true, totalChars: 5000 });
  });
});
