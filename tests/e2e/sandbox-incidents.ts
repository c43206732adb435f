import type { Harness } from './harness';

/** An incident as the sandbox's control API lists it (with the exact request body). */
export interface SandboxIncident {
  unique_id: string;
  readable_id: string;
  title: string;
  body: { title: string; threat_intel: Record<string, string[]> } & Record<string, unknown>;
}

/** Every incident created through the sandbox's Respond API, oldest first. */
export async function sandboxIncidents(h: Harness): Promise<SandboxIncident[]> {
  const res = await fetch(`${h.sandbox.url}/__sandbox/incidents`);
  return ((await res.json()) as { results: SandboxIncident[] }).results;
}
