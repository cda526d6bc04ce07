import { getBusinessProfileRoute, updateBusinessProfileRoute } from '../account/business-profile-routes';
import { getPhoneNumberRoute, listPhoneNumbersRoute } from '../account/phone-number-routes';
import { listSubscribedAppsRoute, subscribeAppRoute, unsubscribeAppRoute } from '../account/subscribed-apps-routes';
import { getWabaRoute } from '../account/waba-routes';
import { deleteMediaRoute, getMediaRoute } from '../media/media-object-routes';
import { uploadMediaRoute } from '../media/upload-route';
import { sendMessageRoute } from '../messages/send-message-route';
import type { SandboxContext } from '../runtime/context';
import { createTemplateRoute, deleteTemplatesRoute, getTemplateRoute, listTemplatesRoute } from '../templates/template-routes';
import { unknownObject } from './graph-error';
import type { GraphHandler, GraphMethod, GraphRequest, GraphResult } from './graph-request';

type ObjectKind = 'phone' | 'waba' | 'media' | 'template';
type Routes = Partial<Record<GraphMethod, GraphHandler>>;

/** Routes by the kind of object the id names and the edge after it ('' for the object itself). */
const ROUTES: Record<ObjectKind, Record<string, Routes>> = {
  phone: {
    '': { GET: getPhoneNumberRoute },
    messages: { POST: sendMessageRoute },
    media: { POST: uploadMediaRoute },
    whatsapp_business_profile: { GET: getBusinessProfileRoute, POST: updateBusinessProfileRoute },
  },
  waba: {
    '': { GET: getWabaRoute },
    phone_numbers: { GET: listPhoneNumbersRoute },
    message_templates: { GET: listTemplatesRoute, POST: createTemplateRoute, DELETE: deleteTemplatesRoute },
    subscribed_apps: { GET: listSubscribedAppsRoute, POST: subscribeAppRoute, DELETE: unsubscribeAppRoute },
  },
  media: { '': { GET: getMediaRoute, DELETE: deleteMediaRoute } },
  template: { '': { GET: getTemplateRoute } },
};

function kindOf(ctx: SandboxContext, objectId: string): ObjectKind | null {
  if (objectId === ctx.config.phoneNumberId) return 'phone';
  if (objectId === ctx.config.wabaId) return 'waba';
  if (ctx.state.media.get(objectId) !== undefined) return 'media';
  if (ctx.state.templates.byId(objectId) !== undefined) return 'template';
  return null;
}

export async function routeGraph(ctx: SandboxContext, request: GraphRequest): Promise<GraphResult> {
  const kind = kindOf(ctx, request.objectId);
  const handler = kind === null ? undefined : ROUTES[kind][request.edge ?? '']?.[request.method];
  if (handler === undefined) throw unknownObject(request.method, request.objectId);
  return handler(ctx, request);
}

export interface GraphPath {
  version: string | null;
  objectId: string;
  edge: string | null;
}

/**
 * `/v23.0/{id}/{edge}`; the version is optional, as on Graph. Paths with more segments keep their
 * object id but get an edge no route has, so they fail as unsupported requests on that object.
 */
export function parseGraphPath(pathname: string): GraphPath {
  const segments = pathname.split('/').filter((segment) => segment !== '').map(safeDecode);
  const version = segments.length > 0 && /^v\d+\.\d+$/.test(segments[0]) ? segments.shift() ?? null : null;
  const [objectId = '', ...edges] = segments;
  return { version, objectId, edge: edges.length === 0 ? null : edges.join('/') };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Whether this path is the media upload edge, which may carry a much larger body. */
export function isUploadPath(ctx: SandboxContext, path: GraphPath): boolean {
  return path.objectId === ctx.config.phoneNumberId && path.edge === 'media';
}
