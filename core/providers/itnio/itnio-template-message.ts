import type { ValidationIssue } from '../../errors/validation-error';
import { compact } from '../../json';
import type { JsonObject } from '../../json';
import type { TemplateObject } from '../../schemas/message/template';
import { templateToWire } from '../../wire/template';

const NO_NAMES = 'ITNIO documents positional parameters only: leave the parameter name out';

/** Media in a template header goes by link only, as everywhere with ITNIO. */
function checkHeader(template: TemplateObject, issues: ValidationIssue[]): void {
  const header = template.header;
  if (header === undefined) return;
  if (header.type === 'text' && header.name !== undefined) issues.push({ path: 'template.header.name', rule: NO_NAMES });
  const media = header.type === 'image' ? header.image : header.type === 'video' ? header.video : header.type === 'document' ? header.document : null;
  if (media !== null && media.id !== undefined) {
    issues.push({ path: `template.header.${header.type}.id`, rule: 'not supported by ITNIO: it takes media by public https link only (use "link")' });
  }
}

/**
 * ITNIO's button component is `{type: "button", parameters: [{type: "payload", payload}]}`, without
 * Meta's sub_type and index: only quick-reply payloads fit, one component per button, in order.
 */
function buttonComponents(template: TemplateObject, issues: ValidationIssue[]): JsonObject[] {
  const components: JsonObject[] = [];
  template.buttons?.forEach((button, position) => {
    if (button.type !== 'quick_reply') {
      issues.push({ path: `template.buttons[${position}].type`, rule: `ITNIO documents only quick_reply (payload) button parameters (got ${button.type})` });
    } else if (button.index !== undefined && button.index !== position) {
      issues.push({
        path: `template.buttons[${position}].index`,
        rule: "ITNIO's button component has no index: give the parameters of buttons 0, 1, 2... in that order (index equal to the position)",
      });
    } else {
      components.push({ type: 'button', parameters: [{ type: 'payload', payload: button.payload }] });
    }
  });
  return components;
}

/**
 * The `template` object of /wa/template/sendMsg. Header and body parameters are Meta's (ITNIO lists
 * the same types: header text/image/video/document/location, body text/currency/date_time), so
 * core's Cloud wire builder writes them; buttons take ITNIO's own shape.
 */
export function itnioTemplate(template: TemplateObject, issues: ValidationIssue[]): JsonObject {
  checkHeader(template, issues);
  template.body?.forEach((parameter, index) => {
    if (parameter.name !== undefined) issues.push({ path: `template.body[${index}].name`, rule: NO_NAMES });
  });
  const meta = templateToWire({ ...template, buttons: undefined });
  const components = [...(Array.isArray(meta.components) ? (meta.components as JsonObject[]) : []), ...buttonComponents(template, issues)];
  return compact({ name: template.name, language: { code: template.language }, components: components.length > 0 ? components : undefined });
}
