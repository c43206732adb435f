import { incidentContext, renderIncidentBody, SOURCE_KIND_TEXT } from '../cyware/template';
import type { IncidentRequest } from '../model/incident';
import type { Settings } from '../settings/schema';
import type { PreparedCreate } from '../store/records';

/**
 * Links to the CTIX objects an incident was raised from, on the tenant's own web UI, using the
 * configured threat-data route (cyware-api.md §4). Empty when Intel Exchange is not set up.
 */
export function ctixObjectLinks(
  ctixObjects: readonly { id: string; type: string }[],
  settings: Settings,
): string[] {
  if (!settings.ctix.baseUrl || ctixObjects.length === 0) return [];
  let origin: string;
  try {
    origin = new URL(settings.ctix.baseUrl).origin;
  } catch {
    return [];
  }
  return ctixObjects.map(
    (o) =>
      origin +
      settings.routes.threatData
        .replaceAll('{type}', encodeURIComponent(o.type))
        .replaceAll('{id}', encodeURIComponent(o.id)),
  );
}

/**
 * The `{{source_links}}` of an incident: where it was raised, then its CTIX objects. The
 * options-page preview uses this too, so it shows the bytes a real create sends.
 */
export function sourceLinksOf(
  sourceUrl: string,
  ctixObjects: readonly { id: string; type: string }[],
  settings: Settings,
): string[] {
  return [...new Set([sourceUrl, ...ctixObjectLinks(ctixObjects, settings)].filter(Boolean))];
}

/**
 * Render the create request ONCE, at enqueue, with the Bridge-Ref in the description. The
 * outbox stores the result and every (re)send uses these exact bytes, so a retry can never
 * differ from what Respond may already hold. Throws TemplateError for an invalid template.
 */
export function prepareCreate(request: IncidentRequest, settings: Settings): PreparedCreate {
  const sourceLinks = sourceLinksOf(request.source.url, request.ctixObjects, settings);
  const ctx = incidentContext(
    {
      title: request.title,
      description: request.description,
      iocs: request.iocs,
      ctixObjects: request.ctixObjects,
      tlp: request.tlp,
      sourceKind: SOURCE_KIND_TEXT[request.source.kind],
      sourceName: request.source.pageTitle || request.source.host || request.source.url,
      sourceUrl: request.source.url,
      sourceLinks,
      ref: request.requestId,
    },
    settings.mapping,
    settings.template.defaultTlp,
  );
  const { template } = settings;
  return {
    path: template.createPath,
    body: renderIncidentBody(template.body, ctx),
    apiIdPaths: [...template.apiIdPaths],
    readableIdPaths: [...template.readableIdPaths],
    linkTemplate: template.linkTemplate,
    uiUrl: settings.cftr.uiUrl,
  };
}
