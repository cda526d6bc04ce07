/**
 * Recovery hints for Meta's error codes (facts file §2.6). One line each: what to do next,
 * written for the person or agent who has to act on it.
 */
const HINTS: Readonly<Record<number, string>> = {
  0: 'Authentication failed: check that the access token belongs to this app and has not been revoked.',
  2: 'Meta reports a temporary outage or overload: retry later with backoff.',
  3: 'The app lacks the capability or permission for this call: check its permissions in the App Dashboard.',
  4: 'The app hit its Graph API call limit: slow down and retry later.',
  10: 'Permission denied: grant whatsapp_business_messaging / whatsapp_business_management to the token.',
  33: 'The business phone number was deleted or is not accessible with this token.',
  100: 'A parameter is invalid or unsupported: check the details for the parameter name and fix the request.',
  190: 'The access token is invalid or expired: create a new one (a System User token does not expire).',
  368: 'The account is temporarily blocked for policy violations: check Business Support Home.',
  80007: 'The WhatsApp Business Account reached its rate limit: retry later with backoff.',
  130429: 'Cloud API throughput for this phone number was reached: slow down and retry.',
  130472: "The user's number is part of a Meta experiment; this message was not delivered.",
  130497: 'The business account may not message users in this country.',
  131000: 'Meta hit an unknown error: retry later; if it persists, contact Meta support with the fbtrace id.',
  131005: 'Access denied: the token lacks permission for this WhatsApp Business Account or phone number.',
  131008: 'A required parameter is missing: see the details for which one.',
  131009: 'A parameter value is not valid: see the details for which one.',
  131016: 'The service is temporarily unavailable: retry later.',
  131021: 'The recipient is the sending business number itself: choose a different recipient.',
  131026:
    'The message could not be delivered: the recipient may not use WhatsApp, may not have accepted the latest terms, or runs an old app version.',
  131030:
    'The recipient is not on the allowed list of this test number: add it under WhatsApp > API Setup in the App Dashboard, or use a production number.',
  131031: 'The business account is locked: check Business Support Home for the reason.',
  131037: 'The display name of this number is not approved yet: wait for approval or fix it in WhatsApp Manager.',
  131042: 'There is a payment problem on the account: check the payment method in WhatsApp Manager.',
  131045: 'The phone number is not registered correctly: register it again (POST /{phone-number-id}/register).',
  131047:
    'More than 24 hours have passed since the customer last wrote: send an approved template message instead of a free-form message.',
  131048: 'Too many messages from this number were reported or blocked: improve quality before sending more.',
  131049:
    'Meta held back this marketing message to protect engagement: do not resend it to this user within 24 hours.',
  131050: 'The user stopped receiving marketing messages from this business.',
  131051: 'This message type is not supported.',
  131052: "The user's media could not be downloaded: ask the user to send it again.",
  131053:
    'The media could not be uploaded or fetched: check the link is public, the MIME type is supported and the file is within the size limit.',
  131056:
    'Too many messages to this user in a short time: wait before messaging them again (Meta suggests 4^n seconds).',
  131057: 'The account is in maintenance mode (e.g. a throughput upgrade): retry in a few minutes.',
  131062: 'This message type cannot be sent to a business-scoped user id: use the phone number.',
  131063: 'Marketing templates cannot be sent on the Cloud API for this account: use the Marketing Messages API.',
  131064: 'The messaging limit was lowered after template-classification violations.',
  132000:
    'The number of parameters does not match the template: send exactly one value for each {{variable}} of the header, body and buttons.',
  132001:
    'The template does not exist in this language or is not approved: check its name, language code and status (list templates).',
  132005: 'The template text with its parameters is too long: shorten the parameter values.',
  132007: 'The template content breaks WhatsApp formatting or policy rules: edit the template.',
  132012:
    'A parameter has the wrong format for this template: check media vs text parameters and positional vs named parameters.',
  132015: 'The template is paused for low quality: edit it or wait until it is unpaused.',
  132016: 'The template was disabled permanently for low quality: create a new template.',
  132068: 'The flow is blocked.',
  132069: 'The flow is throttled: retry later.',
  133000: 'A previous deregistration did not complete: deregister the number again before registering.',
  133004: 'The registration server is unavailable: retry later.',
  133010: 'The phone number is not registered on the WhatsApp Business Platform: register it first.',
  133016: 'Too many register/deregister attempts: wait before trying again.',
  135000: 'Meta could not process the request: check all parameters; contact support with the fbtrace id if it persists.',
  137000: 'The recipient identity key hash does not match: the user may have changed devices; send without it.',
};

export function hintForMetaCode(code: number | null): string | null {
  if (code === null) return null;
  if (code >= 200 && code <= 299) return HINTS[10];
  return HINTS[code] ?? null;
}

/** Codes after which Meta expects the same request to succeed later (facts §2.6). */
export const TRANSIENT_META_CODES: ReadonlySet<number> = new Set([2, 4, 80007, 130429, 131000, 131016, 131056, 131057, 133004]);

/** Codes by which Meta says "you are sending too fast": the request was refused, not processed. */
export const THROTTLING_META_CODES: ReadonlySet<number> = new Set([4, 80007, 130429, 131056]);

/** For a send (or create) that failed after it may have reached the server, and so was not repeated. */
export const MAY_HAVE_BEEN_PROCESSED_HINT =
  'The request may have been processed before it failed; it was not repeated, to avoid a duplicate message or template. Check (for a message, its status webhooks) before retrying.';
