import type { JsonValue } from 'whatsapp-business-core';
import type { SandboxContext } from '../runtime/context';
import type { Field } from '../validation/field';
import { jsonField } from '../validation/json-field';

export type GraphMethod = 'GET' | 'POST' | 'DELETE';

export interface GraphRequest {
  method: GraphMethod;
  /** e.g. `v23.0`; null when the client left the version out. */
  version: string | null;
  objectId: string;
  edge: string | null;
  query: URLSearchParams;
  contentType: string | undefined;
  body: Buffer;
}

export interface GraphResult {
  status?: number;
  body: JsonValue;
}

export type GraphHandler = (ctx: SandboxContext, request: GraphRequest) => GraphResult | Promise<GraphResult>;

export function jsonBody(request: GraphRequest): Field {
  return jsonField(request.body, 'request body');
}
