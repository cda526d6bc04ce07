import { z } from 'zod';
import { LIMITS } from '../rules/limits';
import type { TemplateCategory } from '../rules/limits';
import { extractTemplateVariables, positionalGap, variableAtEdge } from '../rules/template-variables';
import { isTemplateLanguage, TEMPLATE_LANGUAGE_EXAMPLES } from '../rules/template-languages';
import type { TemplateVariables } from '../rules/template-variables';
import { addIssue, boundedText, codePointLength, httpUrl, nonEmptyText } from '../validation/fields';
import { parameterName } from './template-fields';

const T = LIMITS.template;

/** Meta accepts component and button types in any case; we normalize to upper case before checking. */
function upperCaseKinds(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of ['type', 'format', 'otp_type']) {
    if (typeof copy[key] === 'string') copy[key] = (copy[key] as string).toUpperCase();
  }
  return copy;
}

const namedExample = z.strictObject({ param_name: parameterName, example: nonEmptyText });

const header = z.strictObject({
  type: z.literal('HEADER'),
  format: z.enum(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION']),
  text: z.string().optional(),
  example: z
    .strictObject({
      header_text: z.array(nonEmptyText).optional(),
      header_text_named_params: z.array(namedExample).optional(),
      /** Handles from Meta's Resumable Upload API, one sample file. */
      header_handle: z.array(nonEmptyText).optional(),
    })
    .optional(),
});

const body = z.strictObject({
  type: z.literal('BODY'),
  text: z.string().optional(),
  example: z
    .strictObject({
      body_text: z.array(z.array(nonEmptyText)).optional(),
      body_text_named_params: z.array(namedExample).optional(),
    })
    .optional(),
  /** AUTHENTICATION only: adds "For your security, do not share this code." */
  add_security_recommendation: z.boolean().optional(),
});

const footer = z.strictObject({
  type: z.literal('FOOTER'),
  text: z.string().optional(),
  /** AUTHENTICATION only: "This code expires in N minutes." */
  code_expiration_minutes: z.number().int().min(T.codeExpirationMinutes.min).max(T.codeExpirationMinutes.max).optional(),
});

const buttonText = boundedText(T.buttonText);
const supportedApp = z.strictObject({ package_name: nonEmptyText, signature_hash: nonEmptyText });

const button = z.preprocess(
  upperCaseKinds,
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('QUICK_REPLY'), text: buttonText }),
    z.strictObject({ type: z.literal('URL'), text: buttonText, url: nonEmptyText, example: z.array(nonEmptyText).optional() }),
    z.strictObject({ type: z.literal('PHONE_NUMBER'), text: buttonText, phone_number: boundedText(T.phoneNumber) }),
    z.strictObject({ type: z.literal('COPY_CODE'), example: boundedText(T.copyCodeExample) }),
    z.strictObject({
      type: z.literal('OTP'),
      otp_type: z.enum(['COPY_CODE', 'ONE_TAP', 'ZERO_TAP']),
      text: buttonText.optional(),
      autofill_text: buttonText.optional(),
      package_name: nonEmptyText.optional(),
      signature_hash: nonEmptyText.optional(),
      zero_tap_terms_accepted: z.boolean().optional(),
      supported_apps: z.array(supportedApp).optional(),
    }),
    z.strictObject({
      type: z.literal('FLOW'),
      text: buttonText,
      flow_id: nonEmptyText.optional(),
      flow_name: nonEmptyText.optional(),
      flow_json: nonEmptyText.optional(),
      flow_action: z.enum(['navigate', 'data_exchange']).optional(),
      navigate_screen: nonEmptyText.optional(),
      icon: z.enum(['DOCUMENT', 'PROMOTION', 'REVIEW']).optional(),
    }),
    z.strictObject({ type: z.literal('MPM'), text: buttonText }),
    z.strictObject({ type: z.literal('CATALOG'), text: buttonText }),
  ]),
);

const buttons = z.strictObject({
  type: z.literal('BUTTONS'),
  buttons: z
    .array(button)
    .min(1, { error: 'at least 1 button' })
    .max(T.buttons.max, { error: (iss) => `at most ${T.buttons.max} buttons (got ${(iss.input as unknown[]).length})` }),
});

/**
 * Carousel and limited-time-offer components are passed to Meta as given: their rules are not in
 * our facts, so Meta is the judge of them.
 */
const passThrough = z.looseObject({ type: z.enum(['CAROUSEL', 'LIMITED_TIME_OFFER']) });

export const templateComponent = z.preprocess(upperCaseKinds, z.discriminatedUnion('type', [header, body, footer, buttons, passThrough]));
export const templateDefinitionComponents = z.array(templateComponent).min(1, { error: 'at least a BODY component' });

export type TemplateComponentDefinition = z.output<typeof templateComponent>;
type Header = z.output<typeof header>;
type Body = z.output<typeof body>;
type Footer = z.output<typeof footer>;
type Buttons = z.output<typeof buttons>;

export type ParameterFormat = 'POSITIONAL' | 'NAMED';

interface Located<C> {
  component: C;
  index: number;
}

function findAll<C extends TemplateComponentDefinition>(components: readonly TemplateComponentDefinition[], type: C['type']): Located<C>[] {
  return components.flatMap((component, index) => (component.type === type ? [{ component: component as C, index }] : []));
}

function checkPlaceholders(variables: TemplateVariables, ctx: z.RefinementCtx, path: PropertyKey[]): void {
  for (const bad of variables.invalid) {
    addIssue(ctx, `${bad} is not a valid variable: use {{1}}, {{2}}... or {{lowercase_name}}`, path);
  }
}

/** Examples must match the variables exactly: one value per positional variable, one per name. */
function checkExamples(
  variables: TemplateVariables,
  positionalExamples: unknown[] | undefined,
  namedExamples: { param_name: string }[] | undefined,
  ctx: z.RefinementCtx,
  path: PropertyKey[],
  positionalKey: string,
  namedKey: string,
): void {
  const positional = new Set(variables.positional).size;
  const names = [...new Set(variables.named)];
  const gap = positionalGap(variables.positional);
  if (gap !== null) addIssue(ctx, `variables must be numbered from {{1}} without gaps ({{${gap}}} is missing)`, [...path, 'text']);
  if (positionalExamples !== undefined || positional > 0) {
    const given = positionalExamples?.length ?? 0;
    if (given !== positional) {
      addIssue(ctx, `needs ${positional} example value(s), one per variable (got ${given})`, [...path, 'example', positionalKey]);
    }
  }
  // Sets, not includes/indexOf inside filter: the example list comes from the caller and may be long.
  const given = (namedExamples ?? []).map((example) => example.param_name);
  const givenSet = new Set(given);
  const nameSet = new Set(names);
  const missing = names.filter((name) => !givenSet.has(name));
  const extra = given.filter((name) => !nameSet.has(name));
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const name of given) {
    if (seen.has(name)) repeated.push(name);
    else seen.add(name);
  }
  if (missing.length > 0) addIssue(ctx, `missing examples for ${missing.map((n) => `{{${n}}}`).join(', ')}`, [...path, 'example', namedKey]);
  if (extra.length > 0) addIssue(ctx, `examples for variables the text does not use: ${extra.join(', ')}`, [...path, 'example', namedKey]);
  if (repeated.length > 0) addIssue(ctx, `more than one example for ${[...new Set(repeated)].join(', ')}`, [...path, 'example', namedKey]);
}

function checkLength(text: string, max: number, ctx: z.RefinementCtx, path: PropertyKey[]): void {
  const length = codePointLength(text);
  if (length > max) addIssue(ctx, `at most ${max} characters (got ${length})`, path);
}

/** "an IMAGE header", "a VIDEO header". */
function withArticle(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}

function checkHeader({ component, index }: Located<Header>, category: TemplateCategory, ctx: z.RefinementCtx): TemplateVariables | null {
  const path: PropertyKey[] = ['components', index];
  if (category === 'AUTHENTICATION') addIssue(ctx, 'AUTHENTICATION templates cannot have a header', path);
  if (component.format !== 'TEXT') {
    if (component.text !== undefined) addIssue(ctx, `${withArticle(component.format)} header has no text`, [...path, 'text']);
    const needsSample = component.format !== 'LOCATION';
    if (needsSample && (component.example?.header_handle?.length ?? 0) === 0) {
      addIssue(ctx, `${withArticle(component.format)} header needs a sample file handle (from the Resumable Upload API)`, [...path, 'example', 'header_handle']);
    }
    return null;
  }
  if (component.text === undefined || component.text.trim() === '') {
    addIssue(ctx, 'required for a TEXT header', [...path, 'text']);
    return null;
  }
  checkLength(component.text, T.headerText, ctx, [...path, 'text']);
  const variables = extractTemplateVariables(component.text);
  checkPlaceholders(variables, ctx, [...path, 'text']);
  const count = variables.positional.length + variables.named.length;
  if (count > T.headerVariables) addIssue(ctx, `a header may have at most ${T.headerVariables} variable (got ${count})`, [...path, 'text']);
  checkExamples(variables, component.example?.header_text, component.example?.header_text_named_params, ctx, path, 'header_text', 'header_text_named_params');
  return variables;
}

function checkBody({ component, index }: Located<Body>, category: TemplateCategory, ctx: z.RefinementCtx): TemplateVariables | null {
  const path: PropertyKey[] = ['components', index];
  if (category === 'AUTHENTICATION') {
    if (component.text !== undefined) addIssue(ctx, 'AUTHENTICATION templates use fixed text set by Meta: omit it', [...path, 'text']);
    return null;
  }
  if (component.add_security_recommendation !== undefined) {
    addIssue(ctx, 'only AUTHENTICATION templates can add the security recommendation', [...path, 'add_security_recommendation']);
  }
  if (component.text === undefined || component.text.trim() === '') {
    addIssue(ctx, 'required', [...path, 'text']);
    return null;
  }
  checkLength(component.text, T.body, ctx, [...path, 'text']);
  const variables = extractTemplateVariables(component.text);
  checkPlaceholders(variables, ctx, [...path, 'text']);
  const edge = variableAtEdge(component.text);
  if (edge !== null) addIssue(ctx, `must not ${edge} with a variable: Meta refuses such templates (error 2388299); put text ${edge === 'start' ? 'before' : 'after'} it`, [...path, 'text']);
  const sampleRow = component.example?.body_text?.[0];
  if ((component.example?.body_text?.length ?? 0) > 1) addIssue(ctx, 'give one row of example values', [...path, 'example', 'body_text']);
  checkExamples(variables, sampleRow, component.example?.body_text_named_params, ctx, path, 'body_text', 'body_text_named_params');
  return variables;
}

function checkFooter({ component, index }: Located<Footer>, category: TemplateCategory, ctx: z.RefinementCtx): void {
  const path: PropertyKey[] = ['components', index];
  if (category === 'AUTHENTICATION') {
    if (component.text !== undefined) addIssue(ctx, 'AUTHENTICATION footers have no text; use code_expiration_minutes', [...path, 'text']);
    return;
  }
  if (component.code_expiration_minutes !== undefined) {
    addIssue(ctx, 'only AUTHENTICATION templates have a code expiration', [...path, 'code_expiration_minutes']);
  }
  if (component.text === undefined || component.text.trim() === '') {
    addIssue(ctx, 'required', [...path, 'text']);
    return;
  }
  checkLength(component.text, T.footer, ctx, [...path, 'text']);
  if (/\{\{[^{}]*\}\}/.test(component.text)) addIssue(ctx, 'a footer cannot contain variables', [...path, 'text']);
}

function checkButtons({ component, index }: Located<Buttons>, category: TemplateCategory, ctx: z.RefinementCtx): void {
  const path: PropertyKey[] = ['components', index, 'buttons'];
  const count = (type: string) => component.buttons.filter((b) => b.type === type).length;
  const caps: [string, number][] = [
    ['URL', T.buttons.url],
    ['PHONE_NUMBER', T.buttons.phoneNumber],
    ['COPY_CODE', T.buttons.copyCode],
  ];
  for (const [type, cap] of caps) {
    if (count(type) > cap) addIssue(ctx, `at most ${cap} ${type} button(s) (got ${count(type)})`, path);
  }
  if (category === 'AUTHENTICATION' && count('OTP') !== 1) addIssue(ctx, `AUTHENTICATION templates need exactly 1 OTP button (got ${count('OTP')})`, path);
  if (category === 'AUTHENTICATION' && count('OTP') !== component.buttons.length) {
    addIssue(ctx, 'AUTHENTICATION templates have only the OTP button', path);
  }
  component.buttons.forEach((b, i) => {
    if (b.type === 'OTP' && category !== 'AUTHENTICATION') addIssue(ctx, 'OTP buttons are only for AUTHENTICATION templates', [...path, i, 'type']);
    const namesApp = b.type === 'OTP' && ((b.package_name !== undefined && b.signature_hash !== undefined) || (b.supported_apps?.length ?? 0) > 0);
    if (b.type === 'OTP' && b.otp_type !== 'COPY_CODE' && !namesApp) {
      addIssue(ctx, `${b.otp_type} buttons need package_name and signature_hash (or supported_apps)`, [...path, i]);
    }
    if (b.type !== 'URL') return;
    const variables = extractTemplateVariables(b.url);
    const total = variables.positional.length + variables.named.length + variables.invalid.length;
    const base = b.url.replace(/\{\{[^{}]*\}\}$/, 'x');
    if (!httpUrl().safeParse(base).success) addIssue(ctx, 'must be an http(s) URL', [...path, i, 'url']);
    if (b.url.length > T.url) addIssue(ctx, `at most ${T.url} characters (got ${b.url.length})`, [...path, i, 'url']);
    if (total > 1 || (total === 1 && !/\{\{1\}\}$/.test(b.url))) {
      addIssue(ctx, 'a URL may have one variable, {{1}}, and only at its end', [...path, i, 'url']);
    } else if (total === 1 && (b.example?.length ?? 0) !== 1) {
      addIssue(ctx, 'needs 1 example: the full URL with the variable filled in', [...path, i, 'example']);
    }
  });
}

/** Rules that span components or depend on the category (Meta's template guidelines, facts §2.1). */
export function checkTemplateDefinition(
  definition: { category: TemplateCategory; components: readonly TemplateComponentDefinition[]; language?: string },
  ctx: z.RefinementCtx,
): void {
  const { category, components, language } = definition;
  if (language !== undefined && !isTemplateLanguage(language)) {
    addIssue(ctx, `'${language}' is not a language Meta offers for templates (e.g. ${TEMPLATE_LANGUAGE_EXAMPLES}; list in core/rules/template-languages.ts)`, ['language']);
  }
  const headers = findAll<Header>(components, 'HEADER');
  const bodies = findAll<Body>(components, 'BODY');
  const footers = findAll<Footer>(components, 'FOOTER');
  const buttonGroups = findAll<Buttons>(components, 'BUTTONS');
  for (const [name, found] of [['HEADER', headers], ['FOOTER', footers], ['BUTTONS', buttonGroups]] as const) {
    if (found.length > 1) addIssue(ctx, `at most one ${name} component (got ${found.length})`, ['components']);
  }
  if (bodies.length !== 1) addIssue(ctx, `exactly one BODY component (got ${bodies.length})`, ['components']);
  if (category === 'AUTHENTICATION' && buttonGroups.length === 0) addIssue(ctx, 'AUTHENTICATION templates need a BUTTONS component with an OTP button', ['components']);

  const variables: TemplateVariables[] = [];
  for (const located of headers.slice(0, 1)) {
    const found = checkHeader(located, category, ctx);
    if (found) variables.push(found);
  }
  for (const located of bodies.slice(0, 1)) {
    const found = checkBody(located, category, ctx);
    if (found) variables.push(found);
  }
  footers.slice(0, 1).forEach((located) => checkFooter(located, category, ctx));
  buttonGroups.slice(0, 1).forEach((located) => checkButtons(located, category, ctx));
  const usesNamed = variables.some((v) => v.named.length > 0);
  const usesPositional = variables.some((v) => v.positional.length > 0);
  if (usesNamed && usesPositional) addIssue(ctx, 'use either positional {{1}} or named {{name}} variables in one template, not both', ['components']);
}

/** Named variables make the template NAMED; Meta needs to be told (parameter_format). */
export function parameterFormatOf(components: readonly TemplateComponentDefinition[]): ParameterFormat {
  const texts = components.flatMap((c) => ((c.type === 'HEADER' || c.type === 'BODY') && typeof c.text === 'string' ? [c.text] : []));
  return texts.some((text) => extractTemplateVariables(text).named.length > 0) ? 'NAMED' : 'POSITIONAL';
}
