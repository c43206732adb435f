import { MAX_CHOICE_NODES, type NodeChoice } from '../model/node-choice';
import type { CtixObjectRef } from '../model/overlay';

/**
 * Threat bulletins and threat investigations (issue 12) are containers: neither is a threat data
 * object itself, so each is turned into the objects part 1's resolver reads (resolve.ts):
 *
 * - a published bulletin → its report (`report_id`), which resolves as any report does (every
 *   relations page, only mapped IOCs connected); a draft or a bulletin without a report cannot
 *   be used, and says why;
 * - an investigation → the canvas nodes picked (by node ID), or by default its indicator nodes;
 *   each node ID is `<object type>--<object id>`, links are not objects.
 *
 * Pure: the bulletin and the nodes come in as data.
 */

export interface ContainerBulletin {
  id: string;
  title?: string | null;
  status?: string | null;
  published?: boolean | null;
  report_id?: string | null;
}

export interface ContainerNode {
  id: string;
  type?: string | null;
  t?: string | null;
  prop?: { indicator_type?: string | null } | null;
}

export type Usable =
  { ok: true; name: string; sources: CtixObjectRef[] } | { ok: false; reason: string };

const OBJECT_ID = /^[\w.:-]{1,128}$/;
const OBJECT_TYPE = /^[a-z][a-z0-9-]{0,63}$/;

export function isDraft(b: ContainerBulletin): boolean {
  if (b.published === false) return true;
  return (b.status ?? '').trim().toLowerCase() === 'draft';
}

export function bulletinSources(b: ContainerBulletin): Usable {
  const name = b.title?.trim() || `Threat bulletin ${b.id}`;
  if (isDraft(b)) {
    return {
      ok: false,
      reason: 'This bulletin is a draft: publish it in Intel Exchange to create an incident.',
    };
  }
  const report = b.report_id?.trim();
  if (!report || !OBJECT_ID.test(report)) {
    return {
      ok: false,
      reason: 'This bulletin has no report in Intel Exchange, so it has no IOCs to connect.',
    };
  }
  return { ok: true, name, sources: [{ type: 'report', id: report }] };
}

/** A canvas node's object, from its `<type>--<id>` node ID; null for links and odd IDs. */
export function nodeObject(node: ContainerNode): CtixObjectRef | null {
  if ((node.type ?? 'node') !== 'node') return null;
  const at = node.id.indexOf('--');
  if (at <= 0) return null;
  const type = node.id.slice(0, at).toLowerCase();
  const id = node.id.slice(at + 2);
  return OBJECT_TYPE.test(type) && OBJECT_ID.test(id) ? { type, id } : null;
}

/** The objects of the picked nodes (all indicator nodes when none are named), in canvas order. */
export function canvasSources(
  canvasName: string | null | undefined,
  canvasId: string,
  nodes: readonly ContainerNode[],
  picked?: readonly string[],
): Usable {
  const name = canvasName?.trim() || `Threat investigation ${canvasId}`;
  const wanted = picked && picked.length > 0 ? new Set(picked) : null;
  const seen = new Set<string>();
  const sources: CtixObjectRef[] = [];
  for (const node of nodes) {
    const ref = nodeObject(node);
    if (!ref) continue;
    if (wanted ? !wanted.has(node.id) : ref.type !== 'indicator') continue;
    const key = `${ref.type}/${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push(ref);
  }
  if (sources.length === 0) {
    return {
      ok: false,
      reason: wanted
        ? 'None of the chosen nodes is on this investigation’s canvas any more.'
        : 'This investigation has no indicator nodes; choose nodes to use.',
    };
  }
  return { ok: true, name, sources };
}

/**
 * What the node picker offers (issue 12): every object node of the canvas, in canvas order,
 * each once; links and odd IDs are left out, as canvasSources leaves them out.
 */
export function nodeChoice(
  canvasName: string | null | undefined,
  canvasId: string,
  nodes: readonly ContainerNode[],
  pageUrl: string,
): NodeChoice {
  const seen = new Set<string>();
  const out: NodeChoice['nodes'] = [];
  for (const node of nodes) {
    const ref = nodeObject(node);
    if (!ref || seen.has(node.id) || out.length >= MAX_CHOICE_NODES) continue;
    seen.add(node.id);
    const iocType = node.prop?.indicator_type?.trim().slice(0, 64);
    out.push({
      id: node.id,
      objectType: ref.type,
      label: (node.t?.trim() || ref.id).slice(0, 4096),
      ...(iocType && ref.type === 'indicator' ? { iocType } : {}),
    });
  }
  return {
    canvasId,
    name: (canvasName?.trim() || `Threat investigation ${canvasId}`).slice(0, 1000),
    pageUrl: pageUrl.slice(0, 8192),
    nodes: out,
  };
}
