import type { IDataObject } from 'n8n-workflow';
import type { BusinessProfile, PhoneNumber, SendMessageResult, Template } from '../../shared/core';
import { toJson } from './binding';

/**
 * Compact outputs for AI agents and simple workflows. A send result only says Meta accepted the
 * message: delivery and reading arrive later as status webhooks (the trigger node).
 */
export function simplifySend(result: SendMessageResult): IDataObject {
  return { messageId: result.messageId, to: result.to, waId: result.waId, status: result.status };
}

function componentText(template: Template, type: string): string | undefined {
  const component = template.components.find((c) => typeof c.type === 'string' && c.type.toUpperCase() === type);
  return typeof component?.text === 'string' ? component.text : undefined;
}

/** Name, language, status and the body text (which shows the variables to fill). */
export function simplifyTemplate(template: Template): IDataObject {
  const header = template.components.find((c) => typeof c.type === 'string' && c.type.toUpperCase() === 'HEADER');
  const out: IDataObject = {
    id: template.id,
    name: template.name,
    language: template.language,
    status: template.status,
    category: template.category,
    parameterFormat: template.parameterFormat,
    body: componentText(template, 'BODY') ?? null,
  };
  if (header !== undefined) out.header = typeof header.format === 'string' && header.format.toUpperCase() !== 'TEXT' ? header.format : (componentText(template, 'HEADER') ?? null);
  return out;
}

export function simplifyPhoneNumber(phone: PhoneNumber): IDataObject {
  return {
    id: phone.id,
    displayPhoneNumber: phone.displayPhoneNumber,
    verifiedName: phone.verifiedName,
    qualityRating: phone.qualityRating,
    status: phone.status,
  };
}

/** The profile without empty fields. */
export function simplifyBusinessProfile(profile: BusinessProfile): IDataObject {
  const out: IDataObject = {};
  for (const [key, value] of Object.entries(toJson(profile))) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}
