import type { JsonObject, TemplateCategory, TemplateStatus } from 'whatsapp-business-core';
import type { Variables } from './variables';

export type ParameterFormat = 'POSITIONAL' | 'NAMED';
export type HeaderFormat = 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';
export type TemplateButtonType = 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE' | 'OTP' | 'FLOW' | 'MPM' | 'CATALOG';

export interface TemplateButtonShape {
  type: TemplateButtonType;
  /** URL buttons whose url ends with {{1}}, and one-tap/copy-code OTP buttons, need a parameter when sent. */
  needsParameter: boolean;
}

/** What a send must supply for this template, derived once at creation. */
export interface TemplateShape {
  header: { format: HeaderFormat; variables: Variables } | null;
  body: Variables;
  buttons: TemplateButtonShape[];
}

export interface TemplateRecord {
  id: string;
  name: string;
  language: string;
  status: TemplateStatus;
  category: TemplateCategory;
  parameterFormat: ParameterFormat;
  /** In Meta's response shape (types upper-cased). */
  components: JsonObject[];
  shape: TemplateShape;
  /** Meta reports "NONE" until a review rejects the template. */
  rejectedReason: string;
  /** Creation order; pagination cursors point at it. */
  sequence: number;
}

/** The template object as GET returns it. */
export function templateObject(record: TemplateRecord): JsonObject {
  return {
    id: record.id,
    name: record.name,
    language: record.language,
    status: record.status,
    category: record.category,
    parameter_format: record.parameterFormat,
    components: record.components,
    // Meta rates quality once a template has been sent enough; a simulator never gets there.
    quality_score: { score: 'UNKNOWN' },
    rejected_reason: record.rejectedReason,
  };
}
