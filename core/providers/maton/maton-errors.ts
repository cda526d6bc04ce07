import { collapseSpaces, shortenedAtWord, withoutTags } from '../../errors/body-text';
import { apiErrorFromResponse } from '../../errors/graph-envelope';
import type { ErrorContext } from '../../errors/graph-envelope';
import { MAY_HAVE_BEEN_PROCESSED_HINT } from '../../errors/meta-error-codes';
import { WhatsAppApiError } from '../../errors/other-errors';
import type { WhatsAppError } from '../../errors/whatsapp-error';
import { isJsonObject } from '../../json';
import { str } from '../../json-read';
import { isRetryableAnswer } from '../../retry/retry-policy';
import type { TransportResponse } from '../../transport/transport';

/** Which Maton service answered: the Graph-proxying gateway or the connection API. */
export type MatonSurface = 'gateway' | 'control';

export interface MatonErrorContext extends ErrorContext {
  surface: MatonSurface;
  /** The configured Maton-Connection, if any (an id, not a secret: it may appear in hints). */
  connectionId: string | null;
  /** For control calls about one connection: names it in a 404. */
  subjectConnectionId?: string;
}

const decoder = new TextDecoder();
const SERVER_TEXT_MAX = 200;

export const MATON_RATE_HINT =
  'Maton allows 10 requests per second per account (all its keys and connections together): lower maxRequestsPerSecond (default 8) or run fewer requests at once.';
const KEY_HINT =
  'Copy the API key from https://maton.ai/settings into the Maton credential (MATON_API_KEY); it is sent as the Authorization bearer. Check the key, not this message: the key is never shown here.';
const PERSISTENT_500_HINT =
  "Maton or Meta is failing: retry later. A 500 that persists often means the connection's Meta authorization expired: create a new connection (connection.create), open its url to authorize it, then delete the old one.";

function parseBody(response: TransportResponse): { parsed: unknown; text: string } {
  const text = decoder.decode(response.body);
  try {
    return { parsed: text.trim() === '' ? undefined : JSON.parse(text), text };
  } catch {
    return { parsed: undefined, text };
  }
}

/** Meta's Graph envelope, passed through by the gateway: an `error` object with a numeric code. */
function isGraphEnvelope(parsed: unknown): boolean {
  return isJsonObject(parsed) && isJsonObject(parsed.error) && typeof parsed.error.code === 'number';
}

/** What the server said, from whichever field Maton used, shortened; null when nothing useful. */
function serverText(parsed: unknown, text: string): string | null {
  let said: string | null = null;
  if (isJsonObject(parsed)) {
    const error = parsed.error;
    said = str(parsed.message) ?? (typeof error === 'string' ? error : null) ?? (isJsonObject(error) ? str(error.message) : null) ?? str(parsed.detail);
  } else if (parsed === undefined && text.trim() !== '') {
    said = withoutTags(text);
  }
  const collapsed = said === null ? '' : collapseSpaces(said);
  if (collapsed === '') return null;
  return shortenedAtWord(collapsed, SERVER_TEXT_MAX);
}

function missingConnectionHint(connectionId: string | null): string {
  const create = 'create one with connection.create and open its url in a browser to finish the authorization';
  if (connectionId !== null) {
    return (
      `The Maton-Connection ${connectionId} may be deleted, not authorized yet or not ACTIVE: set the connection id to an ACTIVE one from connection.list, ` +
      `or ${create}; with no connection id set, Maton uses the oldest ACTIVE connection.`
    );
  }
  return (
    'Without a Maton-Connection, Maton uses the oldest ACTIVE WhatsApp Business connection of the account, and there may be none: ' +
    `${create}, or set the connection id to an ACTIVE one from connection.list.`
  );
}

interface Reading {
  headline: string;
  hint: string | null;
}

function read(status: number, context: MatonErrorContext, safeToRepeat: boolean): Reading {
  const gateway = context.surface === 'gateway';
  const service = gateway ? 'Maton gateway' : 'Maton connection API';
  if (status === 400) {
    return gateway
      ? { headline: 'Maton gateway: missing WhatsApp Business connection or invalid request', hint: missingConnectionHint(context.connectionId) }
      : { headline: 'Maton connection API: invalid request', hint: 'Check the app name (whatsapp-business) and the connection id.' };
  }
  if (status === 401) return { headline: 'Maton API key invalid or missing', hint: KEY_HINT };
  if (status === 403) return { headline: `${service} refused the request`, hint: KEY_HINT };
  if (status === 404) {
    if (!gateway && context.subjectConnectionId !== undefined) {
      return { headline: `Maton connection ${context.subjectConnectionId} not found`, hint: 'List the existing connections with connection.list.' };
    }
    return {
      headline: `${service}: not found`,
      hint: gateway
        ? 'Check the phone number, WhatsApp Business Account, media or template id, and the gateway URL (requests go to <gatewayUrl>/whatsapp-business/<version>/...).'
        : 'Check the control URL (default https://ctrl.maton.ai).',
    };
  }
  if (status === 429) return { headline: 'Maton rate limit reached', hint: MATON_RATE_HINT };
  if (status >= 500) return { headline: `${service} failed`, hint: safeToRepeat ? PERSISTENT_500_HINT : MAY_HAVE_BEEN_PROCESSED_HINT };
  return { headline: `${service} refused the request`, hint: null };
}

/** An error Maton itself answered (not a Graph error it passed through): message, hint, retry verdict. */
export function matonOwnError(response: TransportResponse, context: MatonErrorContext, retryAfterSeconds: number | null, safeToRepeat: boolean): WhatsAppApiError {
  const { parsed, text } = parseBody(response);
  const { headline, hint } = read(response.status, context, safeToRepeat);
  const said = serverText(parsed, text);
  const where = context.surface === 'gateway' ? 'the gateway' : 'the connection API';
  return new WhatsAppApiError({
    message: `${headline} (HTTP ${response.status} from ${where}${said === null ? '' : `: ${said}`})`,
    redact: context.redact,
    provider: context.provider,
    httpStatus: response.status,
    retryAfterSeconds,
    hint,
    retryable: isRetryableAnswer({ httpStatus: response.status, metaCode: null }, safeToRepeat),
  });
}

/**
 * The gateway's reading of a failed answer: Maton's own errors (400 missing connection, 401 key,
 * 404, 429, 5xx) get Maton messages and hints; Meta's Graph errors passed through keep the Cloud
 * reading (codes, hints), except that Meta's token errors point at the connection, since the
 * user holds no Meta token here.
 */
export function matonGatewayError(response: TransportResponse, context: MatonErrorContext, retryAfterSeconds: number | null, safeToRepeat: boolean): WhatsAppError {
  const { parsed } = parseBody(response);
  if (!isGraphEnvelope(parsed)) return matonOwnError(response, context, retryAfterSeconds, safeToRepeat);
  const graph = apiErrorFromResponse(response, context, retryAfterSeconds, safeToRepeat);
  if (graph.metaCode !== 190 && graph.metaCode !== 0) return graph;
  return new WhatsAppApiError({
    message: graph.message,
    redact: context.redact,
    provider: graph.provider,
    httpStatus: graph.httpStatus,
    metaCode: graph.metaCode,
    metaSubcode: graph.metaSubcode,
    title: graph.title,
    details: graph.details,
    fbtraceId: graph.fbtraceId,
    retryAfterSeconds: graph.retryAfterSeconds,
    retryable: graph.retryable,
    hint:
      "Meta rejected the access token Maton holds for this connection (its authorization expired or was revoked): create a new connection with connection.create, open its url to authorize it, and use its id (or delete the old one).",
  });
}
