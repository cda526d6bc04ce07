import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import { WhatsAppError } from './core';

function description(error: WhatsAppError): string | undefined {
  const parts = [error.hint, error.details].filter((part): part is string => typeof part === 'string' && part.length > 0);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/**
 * Core failures as n8n errors: what the user got wrong (validation, configuration, unsupported)
 * becomes a NodeOperationError naming the field and item; what the provider answered becomes a
 * NodeApiError carrying Meta's code and core's hint. Core errors never hold credentials.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
  if (!(error instanceof WhatsAppError)) {
    return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
  }
  if (error.kind === 'api' || error.kind === 'network' || error.kind === 'integrity') {
    const response: JsonObject = {
      message: error.message,
      code: error.metaCode,
      error_subcode: error.metaSubcode,
      title: error.title,
      fbtrace_id: error.fbtraceId,
      retryable: error.retryable,
    };
    const code = error.metaCode === null ? '' : ` (#${error.metaCode})`;
    return new NodeApiError(node, response, {
      message: `${error.message}${code}`,
      description: description(error),
      httpCode: error.httpStatus === null ? undefined : String(error.httpStatus),
      itemIndex,
    });
  }
  return new NodeOperationError(node, error.message, { itemIndex, description: description(error) });
}
