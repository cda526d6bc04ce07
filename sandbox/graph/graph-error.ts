import type { JsonObject } from 'whatsapp-business-core';
import { newTraceId } from '../runtime/ids';

/** The error codes the sandbox emits, with the titles Meta puts in `message` and `error.title`. */
const ERROR_TITLES: Readonly<Record<number, string>> = {
  100: 'Invalid parameter',
  131008: 'Required parameter is missing',
  131009: 'Parameter value is not valid',
  131030: 'Recipient phone number not in allowed list',
  131047: 'Re-engagement message',
  131053: 'Media upload error',
  131056: '(Business Account, Consumer Account) pair rate limit hit',
  130429: 'Rate limit hit',
  132000: 'Number of parameters does not match the expected number of params',
  132001: 'Template name does not exist in the translation',
  132012: 'Parameter format does not match format in the created template',
};

interface GraphErrorInit {
  httpStatus?: number;
  type?: string;
  subcode?: number;
  /** When set, replaces the usual `(#code) title` message (auth and unknown-object errors). */
  message?: string;
  /** Meta omits error_data on auth and unknown-object errors. */
  withErrorData?: boolean;
  userTitle?: string;
  userMessage?: string;
}

/**
 * A Graph API error. `details` always names the parameter path and the rule it broke, because
 * that is what client developers read first when a request is rejected.
 */
export class GraphError extends Error {
  readonly httpStatus: number;

  constructor(
    readonly code: number,
    readonly details: string,
    readonly init: GraphErrorInit = {},
  ) {
    super(details);
    this.httpStatus = init.httpStatus ?? 400;
  }

  toEnvelope(): JsonObject {
    const title = ERROR_TITLES[this.code] ?? 'Error';
    const error: JsonObject = {
      message: this.init.message ?? `(#${this.code}) ${title}`,
      type: this.init.type ?? 'OAuthException',
      code: this.code,
    };
    if (this.init.subcode !== undefined) error.error_subcode = this.init.subcode;
    if (this.init.userTitle !== undefined) error.error_user_title = this.init.userTitle;
    if (this.init.userMessage !== undefined) error.error_user_msg = this.init.userMessage;
    if (this.init.withErrorData !== false) {
      error.error_data = { messaging_product: 'whatsapp', details: this.details };
    }
    error.fbtrace_id = newTraceId();
    return { error };
  }
}

/** Unknown parameter, wrong JSON type, unsupported value. */
export const invalidParameter = (details: string): GraphError => new GraphError(100, details);
export const missingParameter = (details: string): GraphError => new GraphError(131008, details);
export const invalidValue = (details: string): GraphError => new GraphError(131009, details);

/**
 * A request Meta accepts that the sandbox does not imitate: said plainly, so nobody mistakes it for
 * a rule of Meta's. Code 100 is Meta's code for a request it cannot process as sent; the top-level
 * `message` (the line SDKs show) says that the sandbox, not the request, is the limit, so it never
 * reads like a validation failure ("Invalid parameter").
 */
export function notSimulated(details: string): GraphError {
  return new GraphError(100, `${details} is not simulated by the sandbox (Meta accepts it; test it against the real API)`, {
    message: `(#100) Not simulated by the sandbox: ${details}`,
    userTitle: 'Not simulated by the sandbox',
    userMessage: `${details} is not simulated by the sandbox.`,
  });
}

export function invalidToken(): GraphError {
  return new GraphError(190, 'Invalid OAuth access token', {
    httpStatus: 401,
    message: 'Invalid OAuth access token - Cannot parse access token',
    withErrorData: false,
  });
}

export function unknownObject(method: string, objectId: string): GraphError {
  return new GraphError(100, `Object with ID '${objectId}' does not exist`, {
    type: 'GraphMethodException',
    subcode: 33,
    withErrorData: false,
    message:
      `Unsupported ${method.toLowerCase()} request. Object with ID '${objectId}' does not exist, ` +
      'cannot be loaded due to missing permissions, or does not support this operation.',
  });
}
