import { inspect } from 'node:util';
import { createProvider, operations, WhatsAppApiError } from 'whatsapp-business-core';
import { ITNIO_STATUS_CODES } from '../../../core/providers/itnio/itnio-status-codes';
import { API_KEY, API_SECRET, APP_ID, BUSINESS_PHONE, fakeTransport, steppingClock } from './itnio-fake-transport';
import type { Answer } from './itnio-fake-transport';

/** Every code of seed 003's WhatsApp table and of the SMS family in the facts file, with what its message must say. */
const CODES: [number, RegExp][] = [
  [-1, /authentication failed/],
  [-2, /IP address/],
  [-3, /sensitive/],
  [-4, /content is empty/],
  [-5, /content is too long/],
  [-6, /not match an approved template/],
  [-7, /too many numbers/],
  [-8, /number is empty/],
  [-9, /number is abnormal/],
  [-10, /insufficient balance/],
  [-11, /time format/],
  [-13, /locked/],
  [-14, /required field is empty/],
  [-16, /timestamp has expired/],
  [-18, /port \(channel\) program/],
  [-19, /contact your business manager/],
  [-68, /insufficient balance/],
  [-69, /no rate \(price\)/],
  [-70, /recipient number is longer than 14 digits/],
  [-71, /recipient number is shorter than 7 digits/],
  [-72, /recipient number must contain only digits/],
  [-93, /business phone number is longer than 14 digits/],
  [-94, /business phone number is shorter than 7 digits/],
  [-95, /business phone number must contain only digits/],
  [-96, /business phone number does not exist/],
  [-97, /business phone number is not in a usable state/],
  [-112, /channelType must be 0/],
  [-114, /text object .* is empty/],
  [-115, /body of a text message is empty/],
  [-116, /image object .* is empty/],
  [-117, /link of an image message is empty/],
  [-118, /audio object .* is empty/],
  [-119, /link of an audio message is empty/],
  [-120, /video object .* is empty/],
  [-121, /link of a video message is empty/],
  [-122, /sticker object .* is empty/],
  [-123, /link of a sticker message is empty/],
  [-124, /document object .* is empty/],
  [-125, /link of a document message is empty/],
  [-127, /location object .* is empty/],
  [-128, /longitude .* is empty/],
  [-129, /latitude .* is empty/],
  [-132, /unknown message type/],
  [-133, /link is not a valid URL/],
  [-134, /parameter has the wrong type/],
  [-135, /variable value is empty/],
];

function providerAnswering(answers: Answer[]) {
  const transport = fakeTransport(answers);
  const provider = createProvider({ provider: 'itnio', apiKey: API_KEY, apiSecret: API_SECRET, appId: APP_ID, businessPhone: BUSINESS_PHONE, transport, clock: steppingClock() });
  return { transport, provider };
}

async function sendFailure(answers: Answer[]): Promise<{ error: WhatsAppApiError; requests: number }> {
  const { transport, provider } = providerAnswering(answers);
  const error = await operations['message.send'].run(provider, { to: '16505551234', type: 'text', text: { body: 'hi' } }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(WhatsAppApiError);
  return { error: error as WhatsAppApiError, requests: transport.requests.length };
}

describe('ITNIO status codes', () => {
  test('the table covers exactly the documented codes', () => {
    expect([...ITNIO_STATUS_CODES].sort((a, b) => a - b)).toEqual(CODES.map(([code]) => code).sort((a, b) => a - b));
  });

  test.each(CODES)('status %i becomes a clear English message, with ITNIO\'s reason as details, not retried', async (code, meaning) => {
    const reason = `原因 ${code}`;
    const { error, requests } = await sendFailure([{ json: { status: String(code), reason } }]);
    expect(error.message).toMatch(new RegExp(`^ITNIO API error ${code}: `));
    expect(error.message).toMatch(meaning);
    expect(error).toMatchObject({ kind: 'api', provider: 'itnio', metaCode: code, httpStatus: 200, details: reason, retryable: false });
    expect(requests).toBe(1);
  });

  test.each([
    [-1, /Api-Key and API secret/],
    [-2, /IP whitelist/],
    [-10, /Top up/],
    [-68, /Top up/],
    [-16, /system clock/],
    [-19, /business manager/],
    [-69, /business manager/],
    [-96, /businessPhone/],
    [-97, /status in the ITNIO console/],
    [-117, /public http\(s\) link/],
  ])('status %i carries a hint on what to do', async (code, hint) => {
    const { error } = await sendFailure([{ json: { status: String(code), reason: 'x' } }]);
    expect(error.hint).toMatch(hint);
  });

  test('a status ITNIO has not published keeps its reason text as the message and says so in the hint', async () => {
    const { error } = await sendFailure([{ json: { status: '-999', reason: 'something new' } }]);
    expect(error.message).toBe('ITNIO API error -999: something new');
    expect(error.metaCode).toBe(-999);
    expect(error.hint).toMatch(/not published/);
  });

  test('a numeric status is read like the documented string', async () => {
    const { error } = await sendFailure([{ json: { status: -68, reason: '余额不足' } }]);
    expect(error.message).toBe('ITNIO API error -68: insufficient balance');
  });

  test('a body without the envelope is an error, not a success', async () => {
    const { error, requests } = await sendFailure([{ text: '<html>maintenance</html>' }]);
    expect(error.message).toMatch(/ITNIO API answered HTTP 200 with a body that is not its JSON envelope/);
    expect(requests).toBe(1);
  });

  test('a send that succeeded without a message id is reported, not invented', async () => {
    const { error } = await sendFailure([{ json: { status: '0', reason: 'success', data: {} } }]);
    expect(error.message).toBe('ITNIO API accepted the send but returned no message id');
  });

  test('an outage (HTTP 502) on a send is not repeated: the message may have gone out', async () => {
    const { error, requests } = await sendFailure([{ status: 502, text: 'Bad Gateway' }]);
    expect(error.httpStatus).toBe(502);
    expect(error.retryable).toBe(false);
    expect(error.hint).toMatch(/may have been processed/);
    expect(requests).toBe(1);
  });

  test('an envelope on a non-2xx answer is read as ITNIO\'s', async () => {
    const { error } = await sendFailure([{ status: 500, json: { status: '-18', reason: '端口程序异常' } }]);
    expect(error.message).toBe('ITNIO API error -18: the port (channel) program is unusual');
    expect(error.httpStatus).toBe(500);
  });

  test('a reason echoing the credentials is redacted everywhere', async () => {
    const { error } = await sendFailure([{ json: { status: '-1', reason: `bad sign for ${API_KEY} with ${API_SECRET}` } }]);
    const everything = `${error.message} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`;
    expect(everything).not.toContain(API_SECRET);
    expect(everything).not.toContain(API_KEY);
    expect(error.details).toContain('[redacted]');
  });
});
