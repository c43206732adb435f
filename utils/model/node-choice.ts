import * as z from 'zod/mini';

/**
 * The node picker's input (issue 12): an investigation's canvas nodes, read by the worker from
 * the canvas nodes API (never from the tenant's page), that the review page lists to choose
 * from before anything is resolved. Stored with the review, so a reconnecting page gets it again.
 */

/** At most this many nodes are offered (a canvas is far smaller in practice). */
export const MAX_CHOICE_NODES = 5000;

export const choiceNodeSchema = z.object({
  /** The canvas node ID, `<object type>--<object id>`: what the analyst picks. */
  id: z.string().check(z.minLength(1), z.maxLength(300)),
  /** The object type (indicator, malware, report…): the picker's groups. */
  objectType: z.string().check(z.maxLength(64)),
  /** The node's label on the canvas (an indicator's value, an object's name). */
  label: z.string().check(z.maxLength(4096)),
  /** An indicator's IOC type, when the canvas gives one. */
  iocType: z.optional(z.string().check(z.maxLength(64))),
});

export const nodeChoiceSchema = z.object({
  canvasId: z.string().check(z.maxLength(128)),
  name: z.string().check(z.maxLength(1000)),
  /** The Intel Exchange page the action was started on (the draft's source URL). */
  pageUrl: z.string().check(z.maxLength(8192)),
  nodes: z.array(choiceNodeSchema).check(z.maxLength(MAX_CHOICE_NODES)),
});

export type ChoiceNode = z.infer<typeof choiceNodeSchema>;
export type NodeChoice = z.infer<typeof nodeChoiceSchema>;
