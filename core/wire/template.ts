import { compact } from '../json';
import type { JsonObject } from '../json';
import type { TemplateBodyParameter, TemplateButtonParameter, TemplateHeaderParameter, TemplateObject } from '../schemas/message/template';
import { mediaHeaderToWire } from './media';

function headerParameterToWire(header: TemplateHeaderParameter): JsonObject {
  switch (header.type) {
    case 'text':
      return compact({ type: 'text', text: header.text, parameter_name: header.name });
    case 'image':
    case 'video':
    case 'document':
      return mediaHeaderToWire(header);
    case 'location':
      return {
        type: 'location',
        location: compact({
          latitude: header.location.latitude,
          longitude: header.location.longitude,
          name: header.location.name,
          address: header.location.address,
        }),
      };
  }
}

function bodyParameterToWire(parameter: TemplateBodyParameter): JsonObject {
  switch (parameter.type) {
    case 'text':
      return compact({ type: 'text', text: parameter.text, parameter_name: parameter.name });
    case 'currency':
      return compact({
        type: 'currency',
        parameter_name: parameter.name,
        currency: { fallback_value: parameter.fallbackValue, code: parameter.code, amount_1000: parameter.amount1000 },
      });
    case 'date_time':
      return compact({
        type: 'date_time',
        parameter_name: parameter.name,
        date_time: compact({
          fallback_value: parameter.fallbackValue,
          calendar: parameter.calendar,
          year: parameter.year,
          month: parameter.month,
          day_of_month: parameter.dayOfMonth,
          day_of_week: parameter.dayOfWeek,
          hour: parameter.hour,
          minute: parameter.minute,
        }),
      });
  }
}

function buttonToWire(button: TemplateButtonParameter, position: number): JsonObject {
  // Meta documents `index` as a string in the send payload.
  const index = String(button.index ?? position);
  switch (button.type) {
    case 'quick_reply':
      return { type: 'button', sub_type: 'quick_reply', index, parameters: [{ type: 'payload', payload: button.payload }] };
    case 'url':
      return { type: 'button', sub_type: 'url', index, parameters: [{ type: 'text', text: button.text }] };
    case 'copy_code':
      return { type: 'button', sub_type: 'copy_code', index, parameters: [{ type: 'coupon_code', coupon_code: button.code }] };
  }
}

export function templateToWire(template: TemplateObject): JsonObject {
  const components: JsonObject[] = [];
  if (template.header) components.push({ type: 'header', parameters: [headerParameterToWire(template.header)] });
  if (template.body && template.body.length > 0) components.push({ type: 'body', parameters: template.body.map(bodyParameterToWire) });
  template.buttons?.forEach((button, position) => components.push(buttonToWire(button, position)));
  return compact({
    name: template.name,
    language: { code: template.language },
    components: components.length > 0 ? components : undefined,
  });
}
