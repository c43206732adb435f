import type { Page } from 'puppeteer';

/**
 * A CPU profile of one page's renderer (the page and its content scripts share the main thread)
 * while `during` runs, read as: time inside stacks that pass through a script whose URL contains
 * `needle` (its own JS and the DOM calls it makes, not the style and layout that follow), plus
 * self time by script and by function for finding where it goes.
 */

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface ProfileSummary {
  inclusiveMs: number;
  /** The longest unbroken run of samples inside such stacks: about its longest single task. */
  longestBurstMs: number;
  byScript: [string, number][];
  byFunction: [string, number][];
}

export async function profileScript(
  page: Page,
  needle: string,
  during: () => Promise<void>,
): Promise<ProfileSummary> {
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await during();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  await cdp.detach();

  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Memoised: every sample asks again for its node, and a node's answer is its parent's unless
  // the node itself is in the script.
  const inside = new Map<number, boolean>();
  const passesThrough = (id: number): boolean => {
    const known = inside.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const answer =
      (byId.get(id)?.callFrame.url.includes(needle) ?? false) ||
      (up !== undefined && passesThrough(up));
    inside.set(id, answer);
    return answer;
  };

  let longestBurstMs = 0;
  let burst = 0;
  profile.samples.forEach((id, i) => {
    burst = passesThrough(id) ? burst + (profile.timeDeltas[i] ?? 0) / 1000 : 0;
    longestBurstMs = Math.max(longestBurstMs, burst);
  });

  let inclusiveMs = 0;
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (ms === 0) continue;
    if (passesThrough(node.id)) inclusiveMs += ms;
    const { url, functionName, lineNumber } = node.callFrame;
    const where = url.replace(/^.*\/\/[^/]+/, '') || '(native)';
    byScript.set(where, (byScript.get(where) ?? 0) + ms);
    // CDP line numbers are 0-based.
    const fn = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m].toSorted((a, b) => b[1] - a[1]);
  return {
    inclusiveMs,
    longestBurstMs,
    byScript: sorted(byScript),
    byFunction: sorted(byFunction),
  };
}
