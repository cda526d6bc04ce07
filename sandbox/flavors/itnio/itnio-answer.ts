import type { JsonObject } from 'whatsapp-business-core';

/**
 * A refusal in ITNIO's envelope: a negative status code and a reason. ITNIO answers refusals with
 * HTTP 200, so the status in the body is the only signal a client gets.
 */
export class ItnioRefusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }

  toBody(): JsonObject {
    return { status: String(this.status), reason: this.reason };
  }
}

export function refuse(status: number, reason: string): never {
  throw new ItnioRefusal(status, reason);
}

export function successBody(data?: JsonObject): JsonObject {
  return data === undefined ? { status: '0', reason: 'success' } : { status: '0', reason: 'success', data };
}

// Codes the sandbox answers with, named for the checks that use them (ITNIO's own numbers).
export const AUTHENTICATION_ERROR = -1;
export const EMPTY_FIELD = -14;
export const TIMESTAMP_EXPIRED = -16;
export const CHANNEL_TYPE_NOT_ZERO = -112;
export const UNKNOWN_MESSAGE_TYPE = -132;
export const BAD_LINK = -133;
export const WRONG_PARAMETER_TYPE = -134;
export const EMPTY_PARAMETER_VALUE = -135;
