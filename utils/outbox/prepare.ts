import { incidentContext, renderIncidentBody } from '../cyware/template';
import type { IncidentRequest } from '../messaging/contract';
import type { Settings } from '../settings/schema';
import type { PreparedCreate } from '../store/records';

/**
 * Links to the CTIX objects an incident was raised from, on the tenant's own web UI, using the
 * configured threat-data route (cyware-api.md §4). Empty when Intel Exchange is not set up.
 */
export function ctixObjectLinks(request: IncidentRequest, settings: Settings): string[] {
  if (!settings.ctix.baseUrl || request.ctixObjects.length === 0) return [];
  let origin: string;
  try {
    origin = new URL(settings.ctix.baseUrl).origin;
  } catch {
    return [];
  }
  return request.ctixObjects.map(
    (o) =>
      origin +
      settings.routes.threatData
        .replaceAll('{type}', encodeURIComponent(o.type))
        .replaceAll('{id}', encodeURIComponent(o.id)),
  );
}

/**
 * Render the create request ONCE, at enqueue, with the Bridge-Ref in the description. The
 * outbox stores the result and every (re)send uses these exact bytes, so a retry can never
 * differ from what Respond may already hold. Throws TemplateError for an invalid template.
 */
export function prepareCreate(request: IncidentRequest, settings: Settings): PreparedCreate {
  const sourceLinks = [
    ...new Set([request.source.url, ...ctixObjectLinks(request, settings)].filter(Boolean)),
  ];
  const ctx = incidentContext(
    {
      title: request.title,
      description: request.description,
      iocs: request.iocs,
      ctixObjects: request.ctixObjects,
      tlp: request.tlp,
      sourceUrl: request.source.url,
      sourceLinks,
      ref: request.requestId,
    },
    settings.mapping,
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
