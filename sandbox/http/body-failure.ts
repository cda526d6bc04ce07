import type { IncomingMessage, ServerResponse } from 'node:http';
import { newTraceId } from '../runtime/ids';
import { BodyBudgetBusyError, ClientGoneError } from './body-budget';
import { BodyIdleError, discardBody } from './read-body';
import { writeJson } from './respond';

/**
 * Answers the ways reading a body can fail that are not the route's business (every API flavor
 * shares them): the client left (nothing to answer), no room in the body budget in time (503 with
 * Retry-After, Graph's code 2 "service temporarily unavailable"), a body that stopped arriving (408,
 * connection closed). Returns false for any other error.
 */
export function answerBodyFailure(request: IncomingMessage, response: ServerResponse, error: unknown): boolean {
  if (error instanceof ClientGoneError) {
    request.socket?.destroy();
    return true;
  }
  if (error instanceof BodyBudgetBusyError) {
    if (response.headersSent) return true;
    // The body was never read: thrown away so the client reads this answer instead of a reset.
    discardBody(request);
    response.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.waitedMs / 1000))));
    writeJson(response, 503, {
      error: {
        message: 'request body: the sandbox is busy reading other request bodies; retry after the Retry-After delay',
        type: 'OAuthException',
        code: 2,
        fbtrace_id: newTraceId(),
      },
    });
    return true;
  }
  if (error instanceof BodyIdleError) {
    if (response.headersSent) return true;
    response.setHeader('Connection', 'close');
    writeJson(response, 408, {
      error: {
        message: `request body: no byte arrived for ${error.idleMs} ms; send the body without long pauses`,
        type: 'OAuthException',
        code: 1,
        fbtrace_id: newTraceId(),
      },
    });
    return true;
  }
  return false;
}
