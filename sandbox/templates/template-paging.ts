import { invalidParameter } from '../graph/graph-error';
import type { TemplateRecord } from './template-record';

/** Cursors are opaque to clients; inside they hold the creation sequence of a template. */
export function cursorFor(template: TemplateRecord): string {
  return Buffer.from(`seq:${template.sequence}`).toString('base64url');
}

export function sequenceFromCursor(cursor: string): number {
  const match = /^seq:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) throw invalidParameter(`after: '${cursor}' is not a cursor returned by this API`);
  return Number(match[1]);
}

export interface Page {
  items: TemplateRecord[];
  hasMore: boolean;
}

export function pageOf(templates: TemplateRecord[], after: string | null, limit: number): Page {
  const start = after === null ? 0 : templates.findIndex((template) => template.sequence > sequenceFromCursor(after));
  if (start < 0) return { items: [], hasMore: false };
  const items = templates.slice(start, start + limit);
  return { items, hasMore: start + limit < templates.length };
}
