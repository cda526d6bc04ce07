import { isJsonObject, type JsonObject, type JsonValue } from 'whatsapp-business-core';
import { EMPTY_FIELD, EMPTY_PARAMETER_VALUE, refuse, WRONG_PARAMETER_TYPE } from './itnio-answer';
import { checkKeys, coordinate, isBlank, requireLink, requireObject, requireText } from './itnio-fields';

export const TEMPLATE_ENVELOPE_KEYS = ['appId', 'channelType', 'recipient', 'businessPhone', 'template'];

/** The parameter types ITNIO lists for each component. */
const PARAMETER_TYPES: Readonly<Record<string, readonly string[]>> = {
  header: ['text', 'image', 'video', 'document', 'location'],
  body: ['text', 'currency', 'date_time'],
  button: ['payload'],
};

function checkParameter(parameter: JsonValue, component: string, path: string): JsonObject {
  if (!isJsonObject(parameter)) refuse(WRONG_PARAMETER_TYPE, `${path} must be an object`);
  const type = parameter.type;
  if (typeof type !== 'string' || !PARAMETER_TYPES[component].includes(type)) {
    refuse(WRONG_PARAMETER_TYPE, `${path}.type: parameter type error, a ${component} parameter is one of ${PARAMETER_TYPES[component].join(', ')}`);
  }
  checkKeys(parameter, ['type', type], path);
  const value = parameter[type];
  const valuePath = `${path}.${type}`;
  switch (type) {
    case 'text':
    case 'payload':
      requireText(value, valuePath, EMPTY_PARAMETER_VALUE);
      return parameter;
    case 'image':
    case 'video':
    case 'document': {
      const media = requireObject(value, valuePath, EMPTY_PARAMETER_VALUE);
      requireLink(media.link, `${valuePath}.link`, EMPTY_PARAMETER_VALUE);
      return parameter;
    }
    case 'location': {
      const location = requireObject(value, valuePath, EMPTY_PARAMETER_VALUE);
      // Coordinates may come as strings, as in ITNIO's session location; Meta wants numbers.
      const latitude = coordinate(location.latitude, `${valuePath}.latitude`, EMPTY_PARAMETER_VALUE);
      const longitude = coordinate(location.longitude, `${valuePath}.longitude`, EMPTY_PARAMETER_VALUE);
      return { type, location: { ...location, latitude, longitude } };
    }
    default: {
      const object = requireObject(value, valuePath, EMPTY_PARAMETER_VALUE);
      if (isBlank(object.fallback_value)) refuse(EMPTY_PARAMETER_VALUE, `${valuePath}.fallback_value cannot be empty`);
      return parameter;
    }
  }
}

/**
 * ITNIO's components as Meta's. Its button component has neither sub_type nor index: the n-th
 * button component is read as the payload of the template's n-th button, a quick reply.
 */
function componentsToCloud(value: JsonValue | undefined): JsonObject[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) refuse(WRONG_PARAMETER_TYPE, 'template.components must be an array');
  let buttons = 0;
  return value.map((component, index): JsonObject => {
    const path = `template.components[${index}]`;
    if (!isJsonObject(component)) refuse(WRONG_PARAMETER_TYPE, `${path} must be an object`);
    const type = component.type;
    if (typeof type !== 'string' || PARAMETER_TYPES[type] === undefined) {
      refuse(WRONG_PARAMETER_TYPE, `${path}.type: parameter type error, a component is header, body or button`);
    }
    checkKeys(component, ['type', 'parameters'], path);
    if (!Array.isArray(component.parameters)) refuse(WRONG_PARAMETER_TYPE, `${path}.parameters must be an array`);
    const parameters = component.parameters.map((parameter, at) => checkParameter(parameter, type, `${path}.parameters[${at}]`));
    if (type !== 'button') return { type, parameters };
    buttons += 1;
    return { type, sub_type: 'quick_reply', index: String(buttons - 1), parameters };
  });
}

/** A /wa/template/sendMsg body (envelope already checked) as the Cloud API template message. */
export function templateMessageToCloud(body: JsonObject, recipient: string): JsonObject {
  checkKeys(body, TEMPLATE_ENVELOPE_KEYS, '');
  const template = requireObject(body.template, 'template', EMPTY_FIELD);
  checkKeys(template, ['name', 'language', 'components'], 'template');
  const cloudTemplate: JsonObject = { name: requireText(template.name, 'template.name', EMPTY_FIELD) };
  if (template.language !== undefined) cloudTemplate.language = template.language;
  const components = componentsToCloud(template.components);
  if (components !== undefined) cloudTemplate.components = components;
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to: recipient, type: 'template', template: cloudTemplate };
}
