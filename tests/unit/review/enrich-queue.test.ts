import { describe, expect, it } from 'vitest';
import { enrichInBatches, valuesToEnrich } from '../../../utils/review/enrich-queue';
import type { Enrichment } from '../../../utils/model/review';

const values = (n: number) =>
  Array.from({ length: n }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`);

describe('enrichment batches', () => {
  it('sends at most 20 values per call and at most 2 calls at once, in order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const calls: string[][] = [];
    const seen: Enrichment[] = [];
    const failure = await enrichInBatches(values(95), {
      send: async (batch) => {
        calls.push(batch);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return { results: batch.map((value) => ({ value, known: false })) };
      },
      onResults: (results) => seen.push(...results),
    });
    expect(failure).toBeNull();
    expect(calls.map((c) => c.length)).toEqual([20, 20, 20, 20, 15]);
    expect(maxInFlight).toBe(2);
    expect(calls.flat()).toEqual(values(95));
    expect(seen).toHaveLength(95);
  });

  it('stops at the first error and reports it; results before it are kept', async () => {
    let calls = 0;
    const seen: Enrichment[] = [];
    const failure = await enrichInBatches(values(100), {
      parallel: 1,
      send: async (batch) => {
        calls++;
        if (calls === 2) {
          return { results: [], error: { message: 'Intel Exchange refused the credentials.' } };
        }
        return { results: batch.map((value) => ({ value, known: true })) };
      },
      onResults: (results) => seen.push(...results),
    });
    expect(failure).toBe('Intel Exchange refused the credentials.');
    expect(calls).toBe(2);
    expect(seen).toHaveLength(20);
  });

  it('a thrown send is a failure in words; an aborted queue sends nothing more', async () => {
    expect(
      await enrichInBatches(values(3), {
        send: () => Promise.reject(new Error('worker gone')),
        onResults: () => undefined,
      }),
    ).toBe('worker gone');
    const abort = new AbortController();
    abort.abort();
    let sent = 0;
    await enrichInBatches(values(40), {
      signal: abort.signal,
      send: async () => {
        sent++;
        return { results: [] };
      },
      onResults: () => undefined,
    });
    expect(sent).toBe(0);
  });

  it('asks about mapped IOCs first, each value once, at most 200', () => {
    const iocs = [
      { type: 'btc', value: 'bc1q' },
      { type: 'ipv4', value: '1.1.1.1' },
      { type: 'ipv4', value: '1.1.1.1' },
      { type: 'domain', value: 'a.example' },
    ];
    expect(valuesToEnrich(iocs, (t) => t !== 'btc')).toEqual(['1.1.1.1', 'a.example', 'bc1q']);
    const many = values(300).map((value) => ({ type: 'ipv4', value }));
    expect(valuesToEnrich(many, () => true)).toHaveLength(200);
  });
});
