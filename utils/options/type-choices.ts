/**
 * What the mapping editor offers. The tenant's list (ingestion/utilities/ioc-types/) has IOC
 * types only, but a mapping row may also name an Intel Exchange object type (a malware or
 * vulnerability object connected to the incident, cyware-api.md §4, §6), so the object types
 * are always offered beside whichever IOC type list is in use.
 */

export interface TypeChoice {
  id: string;
  name: string;
}

/** Object types in API spelling (cyware-api.md §4); `indicator` and `report` carry IOCs instead. */
export const CTIX_OBJECT_TYPES: readonly string[] = [
  'malware',
  'threat-actor',
  'vulnerability',
  'attack-pattern',
  'campaign',
  'course-of-action',
  'identity',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware-analysis',
  'observed-data',
  'opinion',
  'tool',
];

function objectName(id: string): string {
  const words = id.split('-').join(' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (object)`;
}

/** The IOC types given, then every object type not already among them; each id once. */
export function typeChoices(iocTypes: readonly TypeChoice[]): TypeChoice[] {
  const seen = new Set<string>();
  const out: TypeChoice[] = [];
  const add = (choice: TypeChoice) => {
    const key = choice.id.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(choice);
  };
  for (const t of iocTypes) add(t);
  for (const id of CTIX_OBJECT_TYPES) add({ id, name: objectName(id) });
  return out;
}
