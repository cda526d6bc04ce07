import type { ValidationIssue } from '../../errors/validation-error';
import { compact } from '../../json';
import type { JsonObject } from '../../json';
import type { TemplateCategory } from '../../rules/limits';
import type { TemplateCreateInput } from '../../schemas/operation-inputs';
import type { TemplateComponentDefinition } from '../../schemas/template-definition';
import { WHATSAPP_CHANNEL } from './itnio-message';

export const TEMPLATE_ADD_PATH = '/wa/template/add';

/** ITNIO's numeric template types. */
const TEMPLATE_TYPES: Readonly<Record<TemplateCategory, number>> = { AUTHENTICATION: 0, MARKETING: 1, UTILITY: 2 };

/** ITNIO's numeric header formats; only TEXT and LOCATION can be created without a sample file. */
const HEADER_FORMATS = { TEXT: 0, IMAGE: 1, VIDEO: 2, DOCUMENT: 3, LOCATION: 4 } as const;

const NAMED_VARIABLES = 'ITNIO documents positional variables ({{1}}, {{2}}...) only: named variables have no example field there';

type Header = Extract<TemplateComponentDefinition, { type: 'HEADER' }>;
type Body = Extract<TemplateComponentDefinition, { type: 'BODY' }>;

function headerToItnio(header: Header, path: string, issues: ValidationIssue[]): JsonObject {
  if (header.format === 'IMAGE' || header.format === 'VIDEO' || header.format === 'DOCUMENT') {
    // The header_handle these need comes from ITNIO's "upload template sample file" interface, whose page is not published.
    issues.push({
      path: `${path}.format`,
      rule:
        `ITNIO needs a sample file handle for ${header.format} headers from an upload interface it does not document: ` +
        'use a TEXT or LOCATION header here, or create the template in the ITNIO console',
    });
  }
  if (header.example?.header_text_named_params !== undefined) issues.push({ path: `${path}.example.header_text_named_params`, rule: NAMED_VARIABLES });
  // Refused on any format rather than dropped: ITNIO's add call has no field that could carry it.
  if (header.example?.header_handle !== undefined && header.format !== 'IMAGE' && header.format !== 'VIDEO' && header.format !== 'DOCUMENT') {
    issues.push({ path: `${path}.example.header_handle`, rule: `ITNIO takes no sample file for a ${header.format} header: leave it out` });
  }
  const example = header.example?.header_text === undefined ? undefined : { header_text: header.example.header_text };
  return compact({ type: 'HEADER', format: HEADER_FORMATS[header.format], text: header.text, example });
}

function bodyToItnio(body: Body, path: string, issues: ValidationIssue[]): JsonObject {
  if (body.example?.body_text_named_params !== undefined) issues.push({ path: `${path}.example.body_text_named_params`, rule: NAMED_VARIABLES });
  const example = body.example?.body_text === undefined ? undefined : { body_text: body.example.body_text };
  return compact({ type: 'BODY', text: body.text, add_security_recommendation: body.add_security_recommendation, example });
}

/**
 * The body of /wa/template/add for a validated catalogue template, as far as ITNIO documents it:
 * a header (TEXT or LOCATION) and a body, as an object keyed by component. Components and fields
 * ITNIO does not document are added to `issues` rather than guessed at.
 */
export function toItnioTemplateAdd(input: TemplateCreateInput, appId: string, issues: ValidationIssue[]): JsonObject {
  if (input.wabaId !== undefined) issues.push({ path: 'wabaId', rule: 'not used by ITNIO, where templates belong to the configured appId: leave it out' });
  if (input.allowCategoryChange !== undefined) issues.push({ path: 'allowCategoryChange', rule: 'ITNIO documents no category change option: leave it out' });
  const components: JsonObject = {};
  input.components.forEach((component, index) => {
    const path = `components[${index}]`;
    if (component.type === 'HEADER') components.header = headerToItnio(component, path, issues);
    else if (component.type === 'BODY') components.body = bodyToItnio(component, path, issues);
    else {
      issues.push({
        path: `${path}.type`,
        rule: `ITNIO does not document ${component.type} components for template creation: leave it out, or create the template in the ITNIO console`,
      });
    }
  });
  return {
    appId,
    channelType: WHATSAPP_CHANNEL,
    templateName: input.name,
    type: TEMPLATE_TYPES[input.category],
    language: input.language,
    components,
  };
}
