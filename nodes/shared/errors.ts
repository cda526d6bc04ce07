import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import { WhatsAppError } from './core';
import { noRedaction } from './secrets';
import type { Redact } from './secrets';

function description(error: WhatsAppError, redact: Redact): string | undefined {
  const parts = [error.hint, error.details].filter((part): part is string => typeof part === 'string' && part.length > 0);
  return parts.length > 0 ? redact(parts.join('\n')) : undefined;
}

/**
 * Core failures as n8n errors: what the user got wrong (validation, configuration, unsupported)
 * becomes a NodeOperationError naming the field and item; what the provider answered becomes a
 * NodeApiError carrying Meta's code and core's hint. Core redacts what it knows, but with n8n the
 * credential signs the requests, so `redact` (the node's credential secrets, see secrets.ts)
 * removes them from every text the error carries. An unknown error keeps only its message: its
 * cause (an HTTP client's error, say) may hold request headers.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number, redact: Redact = noRedaction): NodeApiError | NodeOperationError {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) {
    error.message = redact(error.message);
    if (typeof error.description === 'string') error.description = redact(error.description);
    return error;
  }
  if (!(error instanceof WhatsAppError)) {
    return new NodeOperationError(node, redact(error instanceof Error ? error.message : String(error)), { itemIndex });
  }
  // Every text field at once (fbtrace_id included): core's copy knows them all.
  const safe = error.redactedWith(redact);
  const message = safe.message;
  if (safe.kind === 'api' || safe.kind === 'network' || safe.kind === 'integrity') {
    const response: JsonObject = {
      message,
      code: safe.metaCode,
      error_subcode: safe.metaSubcode,
      title: safe.title,
      fbtrace_id: safe.fbtraceId,
      retryable: safe.retryable,
    };
    const code = safe.metaCode === null ? '' : ` (#${safe.metaCode})`;
    return new NodeApiError(node, response, {
      message: `${message}${code}`,
      description: description(safe, redact),
      httpCode: safe.httpStatus === null ? undefined : String(safe.httpStatus),
      itemIndex,
    });
  }
  return new NodeOperationError(node, message, { itemIndex, description: description(safe, redact) });
}
