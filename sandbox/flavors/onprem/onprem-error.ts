import type { JsonObject } from 'whatsapp-business-core';
import { GraphError } from '../../graph/graph-error';

/** What every answer of the simulated client carries, as the real one does. */
export const ONPREM_META: JsonObject = { api_status: 'stable', version: 'v2.41.2' };

const ERRORS_HREF = 'https://developers.facebook.com/docs/whatsapp/api/errors';

/** Titles of the codes this flavor answers with (facts §4). */
const TITLES: Readonly<Record<number, string>> = {
  1000: 'Generic error',
  1005: 'Access denied',
  1006: 'Resource not found',
  1008: 'Required parameter is missing',
  1009: 'Parameter value is not valid',
  1010: 'Parameter not required',
  1011: 'Service not ready',
  1013: 'User is not valid',
  1015: 'Too many requests',
  1024: 'Password change required',
  2000: 'Number of parameters does not match the expected number of params',
  2001: 'Template name does not exist in the translation',
  2012: 'Parameter format does not match format in the created template',
};

/** An error of the On-Premises client: `{"meta":{...},"errors":[{code,title,details,href}]}`. */
export class OnPremError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    readonly httpStatus = 400,
  ) {
    super(details);
  }

  get title(): string {
    return TITLES[this.code] ?? 'Error';
  }

  toBody(): JsonObject {
    return { meta: ONPREM_META, errors: [{ code: this.code, title: this.title, details: this.details, href: ERRORS_HREF }] };
  }
}

/** Graph codes of the shared (Cloud) validation, as the On-Premises client's codes. */
const FROM_GRAPH: Readonly<Record<number, { code: number; httpStatus?: number }>> = {
  131008: { code: 1008 },
  131009: { code: 1009 },
  131053: { code: 1009 },
  131030: { code: 1013 },
  130429: { code: 1015, httpStatus: 429 },
  131056: { code: 1015, httpStatus: 429 },
  132000: { code: 2000 },
  132001: { code: 2001 },
  132012: { code: 2012 },
};

/**
 * Messages are validated by the Cloud flavor's rules (the same limits apply on both APIs); their
 * Graph errors are re-issued in this API's envelope with the same details.
 */
export function fromGraphError(error: GraphError): OnPremError {
  const mapped = FROM_GRAPH[error.code];
  if (mapped !== undefined) return new OnPremError(mapped.code, error.details, mapped.httpStatus);
  // Code 100 covers unknown keys (On-Premises: 1010), wrong types and unsupported values (1009).
  return new OnPremError(error.details.includes(': unknown parameter') ? 1010 : 1009, error.details);
}

/** Runs a Graph-validated step, turning its Graph errors into On-Premises ones. */
export function withOnPremErrors<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof GraphError) throw fromGraphError(error);
    throw error;
  }
}
