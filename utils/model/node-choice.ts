import { z } from 'zod';

/**
 * The node picker's input (issue 12): an investigation's canvas nodes, read by the worker from
 * the canvas nodes API (never from the tenant's page), that the review page lists to choose
 * from before anything is resolved. Stored with the review, so a reconnecting page gets it again.
 */

/** At most this many nodes are offered (a canvas is far smaller in practice). */
export const MAX_CHOICE_NODES = 5000;

export const choiceNodeSchema = z.object({
  /** The canvas node ID, `<object type>--<object id>`: what the analyst picks. */
  id: z.string().min(1).max(300),
  /** The object type (indicator, malware, report…): the picker's groups. */
  objectType: z.string().max(64),
  /** The node's label on the canvas (an indicator's value, an object's name). */
  label: z.string().max(4096),
  /** An indicator's IOC type, when the canvas gives one. */
  iocType: z.string().max(64).optional(),
});

export const nodeChoiceSchema = z.object({
  canvasId: z.string().max(128),
  name: z.string().max(1000),
  /** The Intel Exchange page the action was started on (the draft's source URL). */
  pageUrl: z.string().max(8192),
  nodes: z.array(choiceNodeSchema).max(MAX_CHOICE_NODES),
});

export type ChoiceNode = z.infer<typeof choiceNodeSchema>;
export type NodeChoice = z.infer<typeof nodeChoiceSchema>;
