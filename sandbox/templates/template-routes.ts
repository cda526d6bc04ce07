import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, type JsonObject } from 'whatsapp-business-core';
import { GraphError, invalidParameter, missingParameter, unknownObject } from '../graph/graph-error';
import { selectFields } from '../graph/fields-param';
import { jsonBody, type GraphHandler, type GraphRequest } from '../graph/graph-request';
import type { SandboxContext } from '../runtime/context';
import { NAME_REUSE_BLOCK_MS } from './deleted-names';
import { cursorFor, pageOf } from './template-paging';
import { templateObject, type TemplateRecord } from './template-record';
import { cancelApproval, startReview } from './template-status';
import { validateTemplateDefinition } from './validate-template';

const TEMPLATE_FIELDS = ['id', 'name', 'language', 'status', 'category', 'parameter_format', 'components', 'quality_score', 'rejected_reason'];
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 1000;

/** GET /{waba-id}/message_templates with limit/after paging, fields and name/status/category/language filters. */
export const listTemplatesRoute: GraphHandler = (ctx, request) => {
  const query = request.query;
  const limit = parseLimit(query.get('limit'));
  const templates = ctx.state.templates.all().filter(filterFrom(query));
  const page = pageOf(templates, query.get('after'), limit);
  const data = page.items.map((template) => selectFields(templateObject(template), query.get('fields'), TEMPLATE_FIELDS));
  const body: JsonObject = { data };
  if (page.items.length === 0) return { body };
  const paging: JsonObject = {
    cursors: { before: cursorFor(page.items[0]), after: cursorFor(page.items[page.items.length - 1]) },
  };
  if (page.hasMore) paging.next = nextPageUrl(ctx, request, cursorFor(page.items[page.items.length - 1]));
  body.paging = paging;
  return { body };
};

/** POST /{waba-id}/message_templates: always answers PENDING; the review runs on a timer. */
export const createTemplateRoute: GraphHandler = (ctx, request) => {
  const definition = validateTemplateDefinition(jsonBody(request));
  const deletedAt = ctx.state.deletedTemplateNames.blockedSince(definition.name, ctx.now());
  if (deletedAt !== null) {
    const reusableOn = new Date(deletedAt + NAME_REUSE_BLOCK_MS).toISOString();
    throw invalidParameter(
      `name: a template named '${definition.name}' was deleted on ${new Date(deletedAt).toISOString()}; ` +
        `a deleted template's name cannot be reused for 30 days (until ${reusableOn}), in any language`,
    );
  }
  if (ctx.state.templates.find(definition.name, definition.language) !== undefined) {
    throw new GraphError(100, `Content in this language already exists: template '${definition.name}' already has ${definition.language} content`, {
      subcode: 2388024,
      userTitle: 'Content in this language already exists',
      userMessage: `There is already ${definition.language} content for this template. Create a new template or delete this one first.`,
    });
  }
  const template = ctx.state.templates.add({ ...definition, status: 'PENDING' });
  startReview(ctx, template);
  return { body: { id: template.id, status: template.status, category: template.category } };
};

/** DELETE /{waba-id}/message_templates?name=...[&hsm_id=...]: every language of the name, or just that id. */
export const deleteTemplatesRoute: GraphHandler = (ctx, request) => {
  const name = request.query.get('name');
  if (name === null || name === '') throw missingParameter('name: required parameter is missing');
  const hsmId = request.query.get('hsm_id');
  const named = ctx.state.templates.all().filter((template) => template.name === name);
  if (named.length === 0) throw invalidParameter(`name: no message template named '${name}' exists in this WhatsApp Business Account`);
  const doomed = hsmId === null ? named : named.filter((template) => template.id === hsmId);
  if (doomed.length === 0) throw invalidParameter(`hsm_id: template '${hsmId}' is not named '${name}'`);
  for (const template of doomed) {
    cancelApproval(ctx, template.id);
    ctx.state.templates.remove(template.id);
  }
  ctx.state.deletedTemplateNames.record(name, ctx.now());
  return { body: { success: true } };
};

/** GET /{template-id}. */
export const getTemplateRoute: GraphHandler = (ctx, request) => {
  const template = ctx.state.templates.byId(request.objectId);
  if (template === undefined) throw unknownObject(request.method, request.objectId);
  return { body: selectFields(templateObject(template), request.query.get('fields'), TEMPLATE_FIELDS) };
};

function parseLimit(value: string | null): number {
  if (value === null) return DEFAULT_LIMIT;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw invalidParameter(`limit: must be a whole number between 1 and ${MAX_LIMIT} (got '${value}')`);
  }
  return limit;
}

function filterFrom(query: URLSearchParams): (template: TemplateRecord) => boolean {
  const name = query.get('name')?.toLowerCase() ?? null;
  const status = enumFilter(query, 'status', TEMPLATE_STATUSES);
  const category = enumFilter(query, 'category', TEMPLATE_CATEGORIES);
  const language = query.get('language');
  return (template) =>
    (name === null || template.name.toLowerCase().includes(name)) &&
    (status === null || template.status === status) &&
    (category === null || template.category === category) &&
    (language === null || template.language === language);
}

function enumFilter(query: URLSearchParams, key: string, values: readonly string[]): string | null {
  const value = query.get(key);
  if (value === null) return null;
  const match = values.find((candidate) => candidate === value.toUpperCase());
  if (match === undefined) throw invalidParameter(`${key}: unsupported value '${value}' (expected one of: ${values.join(', ')})`);
  return match;
}

function nextPageUrl(ctx: SandboxContext, request: GraphRequest, after: string): string {
  const path = [request.version, request.objectId, request.edge].filter((part) => part !== null).join('/');
  const url = new URL(`/${path}`, ctx.baseUrl());
  for (const [key, value] of request.query) if (key !== 'after') url.searchParams.append(key, value);
  url.searchParams.set('after', after);
  return url.toString();
}
