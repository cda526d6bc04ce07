/**
 * ITNIO's failure statuses in English. The WhatsApp codes (-68 and below) are from ITNIO's
 * WhatsApp send pages; the SMS-family codes (-1 to -19) are from its SMS pages, and ITNIO's
 * WhatsApp endpoints are assumed to share them (the -1 and -16 answers match its interface spec).
 */
export interface ItnioStatus {
  message: string;
  hint: string | null;
}

const TOP_UP = 'Top up the ITNIO account balance (ITNIO console), then send again.';
const BUSINESS_MANAGER = 'Contact your ITNIO business manager: this is set up on ITNIO\'s side (channel binding, pricing or account state).';
const BUSINESS_PHONE =
  'Check businessPhone in the provider configuration: it must be a WhatsApp number bound to this ITNIO account, digits with country code and no +.';
const RECIPIENT = 'The recipient must be 7 to 14 digits including the country code, without + or spaces.';
const MEDIA_LINK = 'Media must be given by a public http(s) link; ITNIO has no media upload.';

const STATUS: Readonly<Record<number, ItnioStatus>> = {
  [-1]: {
    message: 'authentication failed (Api-Key, Sign or Timestamp header rejected)',
    hint: 'Check the Api-Key and API secret (ITNIO console: Home > Developers); Sign must be md5(Api-Key + API secret + Timestamp).',
  },
  [-2]: { message: 'the request comes from an IP address that is not allowed', hint: "Add this server's public IP address to the IP whitelist in the ITNIO console." },
  [-3]: { message: 'the content contains words ITNIO treats as sensitive', hint: 'Reword the message and send it again.' },
  [-4]: { message: 'the content is empty', hint: null },
  [-5]: { message: 'the content is too long', hint: null },
  [-6]: { message: 'the content does not match an approved template', hint: null },
  [-7]: { message: 'too many numbers in one request', hint: null },
  [-8]: { message: 'the number is empty', hint: null },
  [-9]: { message: 'the number is abnormal (not a valid number)', hint: null },
  [-10]: { message: 'insufficient balance', hint: TOP_UP },
  [-11]: { message: 'the time format is wrong', hint: null },
  [-13]: { message: 'the account (user) is locked', hint: BUSINESS_MANAGER },
  [-14]: { message: 'a required field is empty or an id is not valid', hint: 'Check appId in the provider configuration: it must be the id of an application on this ITNIO account.' },
  [-16]: {
    message: "the timestamp has expired (the Timestamp header is too far from ITNIO's time)",
    hint: "Check this machine's system clock (sync it with NTP): Timestamp is the current Unix time in seconds and must be close to ITNIO's time.",
  },
  [-18]: { message: 'the port (channel) program is unusual', hint: 'A problem on ITNIO\'s channel: try again later, or contact your ITNIO business manager if it persists.' },
  [-19]: { message: 'contact your business manager (the channel or pricing is not set up for this account)', hint: BUSINESS_MANAGER },
  [-68]: { message: 'insufficient balance', hint: TOP_UP },
  [-69]: { message: 'no rate (price) exists for this destination', hint: BUSINESS_MANAGER },
  [-70]: { message: 'the recipient number is longer than 14 digits', hint: RECIPIENT },
  [-71]: { message: 'the recipient number is shorter than 7 digits', hint: RECIPIENT },
  [-72]: { message: 'the recipient number must contain only digits', hint: RECIPIENT },
  [-93]: { message: 'the business phone number is longer than 14 digits', hint: BUSINESS_PHONE },
  [-94]: { message: 'the business phone number is shorter than 7 digits', hint: BUSINESS_PHONE },
  [-95]: { message: 'the business phone number must contain only digits', hint: BUSINESS_PHONE },
  [-96]: { message: 'the business phone number does not exist', hint: BUSINESS_PHONE },
  [-97]: {
    message: 'the business phone number is not in a usable state',
    hint: "Check the business number's status in the ITNIO console (it may be pending, disabled or blocked), or ask your ITNIO business manager.",
  },
  [-112]: { message: 'channelType must be 0 (WhatsApp)', hint: null },
  [-114]: { message: 'the text object of a text message is empty', hint: null },
  [-115]: { message: 'the body of a text message is empty', hint: null },
  [-116]: { message: 'the image object of an image message is empty', hint: null },
  [-117]: { message: 'the link of an image message is empty', hint: MEDIA_LINK },
  [-118]: { message: 'the audio object of an audio message is empty', hint: null },
  [-119]: { message: 'the link of an audio message is empty', hint: MEDIA_LINK },
  [-120]: { message: 'the video object of a video message is empty', hint: null },
  [-121]: { message: 'the link of a video message is empty', hint: MEDIA_LINK },
  [-122]: { message: 'the sticker object of a sticker message is empty', hint: null },
  [-123]: { message: 'the link of a sticker message is empty', hint: MEDIA_LINK },
  [-124]: { message: 'the document object of a document message is empty', hint: null },
  [-125]: { message: 'the link of a document message is empty', hint: MEDIA_LINK },
  [-127]: { message: 'the location object of a location message is empty', hint: null },
  [-128]: { message: 'the longitude of a location message is empty', hint: null },
  [-129]: { message: 'the latitude of a location message is empty', hint: null },
  [-132]: { message: 'unknown message type', hint: null },
  [-133]: { message: 'a link is not a valid URL', hint: MEDIA_LINK },
  [-134]: { message: 'a parameter has the wrong type', hint: null },
  [-135]: { message: "a parameter's variable value is empty", hint: null },
};

/** Every status code with a known meaning, for tests and documentation. */
export const ITNIO_STATUS_CODES: readonly number[] = Object.keys(STATUS)
  .map(Number)
  .sort((a, b) => b - a);

/** The English meaning of an ITNIO status code, or null for a code ITNIO has not published. */
export function describeItnioStatus(code: number): ItnioStatus | null {
  return STATUS[code] ?? null;
}
