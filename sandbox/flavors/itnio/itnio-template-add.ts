import type { JsonObject, JsonValue } from 'whatsapp-business-core';
import type { GraphRequest } from '../../graph/graph-request';
import type { SandboxContext } from '../../runtime/context';
import { createTemplateRoute } from '../../templates/template-routes';
import { EMPTY_FIELD, refuse, WRONG_PARAMETER_TYPE } from './itnio-answer';
import { checkKeys, requireObject, requireText } from './itnio-fields';

const BODY_KEYS = ['appId', 'channelType', 'templateName', 'type', 'language', 'components'];
/** ITNIO's numeric template types and header formats, as Meta names them. */
const CATEGORIES = ['AUTHENTICATION', 'MARKETING', 'UTILITY'] as const;
const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'] as const;

function indexInto<T>(values: readonly T[], value: JsonValue | undefined, path: string, meaning: string): T {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || values[number] === undefined) {
    refuse(WRONG_PARAMETER_TYPE, `${path} must be ${meaning}`);
  }
  return values[number];
}

/** ITNIO's header/body component as Meta's: the numeric format becomes its name, the rest is Meta's already. */
function componentToCloud(value: JsonValue | undefined, kind: 'HEADER' | 'BODY'): JsonObject {
  const path = `components.${kind.toLowerCase()}`;
  const component = requireObject(value, path, EMPTY_FIELD);
  if (component.type !== kind) refuse(WRONG_PARAMETER_TYPE, `${path}.type must be "${kind}"`);
  if (kind === 'BODY') {
    checkKeys(component, ['type', 'text', 'add_security_recommendation', 'example'], path);
    return component;
  }
  checkKeys(component, ['type', 'format', 'text', 'example'], path);
  const format = indexInto(HEADER_FORMATS, component.format, `${path}.format`, '0 (TEXT), 1 (IMAGE), 2 (VIDEO), 3 (DOCUMENT) or 4 (LOCATION)');
  return { ...component, format };
}

/**
 * POST /wa/template/add: ITNIO's fields checked, then the template is created exactly as the
 * Cloud flavor creates one (same rules, same store, same review timer). ITNIO does not publish
 * what this call answers beyond the envelope, so the answer is the bare success envelope.
 */
export async function addTemplate(ctx: SandboxContext, body: JsonObject): Promise<void> {
  checkKeys(body, BODY_KEYS, '');
  const name = requireText(body.templateName, 'templateName', EMPTY_FIELD);
  const category = indexInto(CATEGORIES, body.type, 'type', '0 (AUTHENTICATION), 1 (MARKETING) or 2 (UTILITY)');
  const language = requireText(body.language, 'language', EMPTY_FIELD);
  const components = requireObject(body.components, 'components', EMPTY_FIELD);
  checkKeys(components, ['header', 'body'], 'components');
  const cloudComponents: JsonObject[] = [];
  if (components.header !== undefined) cloudComponents.push(componentToCloud(components.header, 'HEADER'));
  cloudComponents.push(componentToCloud(components.body, 'BODY'));
  const definition: JsonObject = { name, category, language, components: cloudComponents };
  const request: GraphRequest = {
    method: 'POST',
    version: null,
    objectId: ctx.config.wabaId,
    edge: 'message_templates',
    query: new URLSearchParams(),
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify(definition)),
  };
  await createTemplateRoute(ctx, request);
}
