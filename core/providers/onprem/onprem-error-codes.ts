import { hintForMetaCode } from '../../errors/meta-error-codes';

/**
 * What the On-Premises client's start-up means for a caller (Meta's "getting started" guide, seed
 * 002): after every (re)connection to WhatsApp's servers the core app loads the templates and
 * receives the offline messages before it serves requests.
 */
export const STARTUP_HINT =
  'The WhatsApp On-Premises client is not ready yet: after every start and every reconnection to WhatsApp\'s servers, ' +
  'its core app first loads the message templates and receives and processes the offline messages (waiting up to 6 minutes ' +
  'for them), and answers "core app not ready" / "service not ready" (1011) until then. Retry in a few minutes; ' +
  'account.getHealth shows gateway_status "connected" once it is ready. If it shows "uninitialized" or "unregistered", ' +
  'the number is not registered on this client yet: register it first with account.requestCode and account.verifyCode.';

export const UNREGISTERED_HINT =
  'The On-Premises client reports gateway_status "uninitialized" or "unregistered": its phone number is not registered yet. ' +
  'Register it first with account.requestCode (the certificate from WhatsApp Manager) and account.verifyCode (the code received by SMS or voice call).';

export const PASSWORD_CHANGE_HINT =
  'The client requires a new password for this user before it issues tokens (the first login of a fresh client, or after a reset). ' +
  'Log in once yourself with the current password and the body {"new_password": "<new password>"} ' +
  '(POST /v1/users/login with Basic auth, e.g. in the client\'s UI or Postman), then configure the new password here.';

export const LOGIN_FAILED_HINT =
  'Check the username and password of the On-Premises client\'s admin or API user (they are set with POST /v1/users on the client).';

export const TLS_HINT =
  'The client\'s TLS certificate could not be verified; On-Premises clients use a self-signed certificate by default. ' +
  'Install a certificate from a trusted authority on the client, or, only for a client you trust that uses a self-signed certificate, ' +
  'set insecureTls: true in the provider configuration.';

/** Codes that mean "the core app cannot serve this now", after which the provider waits for health. */
export const NOT_READY_CODES: ReadonlySet<number> = new Set([1011, 1014, 1015, 1016]);

/**
 * Codes by which the client refused the request without acting on it, so even a send may be repeated
 * once the client is ready. 1014 (an internal error, e.g. the core app timing out) is ambiguous.
 */
export const REFUSAL_CODES: ReadonlySet<number> = new Set([1011, 1015, 1016]);

const TEMPLATE_HINT =
  'A template error: check the template name, the namespace (templateNamespace), the language and the number of parameters against WhatsApp Manager.';

/** Recovery hints for the client's error codes (facts §4; the 1001-1031 list is partly unverified). */
const HINTS: Readonly<Record<number, string>> = {
  400: 'The client could not download the media: check that the link is reachable from the client and the type and size are supported.',
  402: 'There is a payment problem on the WhatsApp Business Account: check the payment method in WhatsApp Manager.',
  408: 'The message was pending for more than a day (the recipient was offline) and was not delivered.',
  410: 'The message expired (its ttl passed) before it could be delivered.',
  429: 'The client hit a rate limit: slow down and retry later.',
  430: 'The client\'s certificate is invalid: register again with the current certificate from WhatsApp Manager.',
  432: 'The client\'s certificate does not match its phone number: register again with the certificate of this number.',
  433: 'The client\'s certificate signature is invalid: register again with the certificate from WhatsApp Manager.',
  // The On-Premises code for Cloud's 131047: same cause, same remedy.
  470: hintForMetaCode(131047) ?? '',
  471: 'Too many users blocked or reported this number: messages are rate limited; improve message quality before sending more.',
  472: 'The user\'s number is part of a WhatsApp experiment; this message was not delivered.',
  480: 'The user\'s identity changed (new phone or reinstall); the message was not sent. Send it again if you still want to reach them.',
  1000: 'The client hit a generic error: see the details; retry later if it is temporary.',
  1001: 'The message is too long: shorten it.',
  1002: 'recipient_type is invalid: the provider sends "individual" messages only.',
  1004: 'The resource already exists.',
  1005: 'Access denied: the user lacks the role for this call (settings and registration need an admin user), or its token is not valid.',
  1006: 'Not found: this client has no such media, message or resource (media expire, and a client reset deletes them).',
  1007: 'The recipient blocked this business number.',
  1008: 'A required parameter is missing: see the details for which one.',
  1009: 'A parameter value is not valid: see the details for which one.',
  1010: 'The request has a parameter this call does not take: see the details.',
  1011: STARTUP_HINT,
  1013: 'The recipient is not a valid WhatsApp user: check the number with contact.check.',
  1014: STARTUP_HINT,
  1015: 'Too many requests: the client is throttling; wait a moment and retry.',
  1016: 'The client is overloaded: wait a moment and retry.',
  1017: 'This node is not the primary master (multiconnect): send the request to the primary master\'s web app.',
  1018: 'This node is not a core app (multiconnect): send the request to the primary master\'s web app.',
  1021: 'The recipient is the business number itself: choose another recipient.',
  1022: 'No webhook URL is configured on the client: set one with account.updateSettings (webhookUrl) to receive messages and statuses.',
  1023: 'The client\'s database failed: check its database server, then retry.',
  1024: PASSWORD_CHANGE_HINT,
  1025: 'The request is not valid: see the details.',
  1026: 'The recipient cannot receive this message (for example an old WhatsApp version).',
  1028: 'The recipient\'s identity changed (a security code change): the message was not sent.',
  1031: 'The sending account is locked for policy violations: check WhatsApp Manager.',
  2000: 'The number of parameters does not match the template: send exactly one value per {{variable}}.',
  2001: 'The template does not exist with this name, language and namespace, or is not approved: check them in WhatsApp Manager (and templateNamespace).',
};

export function hintForOnPremCode(code: number | null): string | null {
  if (code === null) return null;
  if (code >= 2000 && code <= 2099) return HINTS[code] ?? TEMPLATE_HINT;
  return HINTS[code] ?? null;
}
