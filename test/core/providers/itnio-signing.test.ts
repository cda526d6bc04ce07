import { createHash } from 'node:crypto';
import { createProvider, operations } from 'whatsapp-business-core';
import { itnioAuthHeaders, itnioSign, itnioTimestamp } from '../../../core/providers/itnio/itnio-sign';
import { API_KEY, API_SECRET, APP_ID, BUSINESS_PHONE, fakeTransport, steppingClock } from './itnio-fake-transport';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const text = { to: '16505551234', type: 'text', text: { body: 'hi' } };

describe('ITNIO request signing', () => {
  test("reproduces the worked example of ITNIO's interface spec exactly", () => {
    expect(itnioSign('bDqJFiq9', '7bz1lzh9', '1630468800')).toBe('05d7a50893e22a5c4bb3216ae3396c7c');
  });

  test('Timestamp is whole Unix seconds as a string, and the headers carry key, timestamp and sign', () => {
    expect(itnioTimestamp(1_630_468_800_999)).toBe('1630468800');
    expect(itnioAuthHeaders({ apiKey: 'bDqJFiq9', apiSecret: '7bz1lzh9' }, 1_630_468_800_000)).toEqual({
      'api-key': 'bDqJFiq9',
      timestamp: '1630468800',
      sign: '05d7a50893e22a5c4bb3216ae3396c7c',
    });
  });

  test('every request is signed with the injected clock, with the JSON content type ITNIO documents', async () => {
    const transport = fakeTransport();
    const provider = createProvider({ provider: 'itnio', apiKey: API_KEY, apiSecret: API_SECRET, appId: APP_ID, businessPhone: BUSINESS_PHONE, transport, clock: steppingClock() });
    await operations['message.send'].run(provider, text);
    const [request] = transport.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://api.itniotech.com/wa/custom/sendMsg');
    expect(request.headers).toMatchObject({
      'content-type': 'application/json;charset=UTF-8',
      'api-key': API_KEY,
      timestamp: '1630468800',
      sign: md5(`${API_KEY}${API_SECRET}1630468800`),
    });
    // The secret itself never travels.
    expect(JSON.stringify(request)).not.toContain(API_SECRET);
  });

  test('a retried request gets a fresh Timestamp and Sign on each attempt', async () => {
    // HTTP 429 means the send was not processed, so even a send is repeated after it.
    const transport = fakeTransport([{ status: 429, text: 'slow down' }, { status: 429, text: 'slow down' }, { json: { status: '0', reason: 'success', data: { messageId: 'm-9' } } }]);
    const clock = steppingClock(1_700_000_000_000, 7_000);
    const provider = createProvider({ provider: 'itnio', apiKey: API_KEY, apiSecret: API_SECRET, appId: APP_ID, businessPhone: BUSINESS_PHONE, transport, clock });
    const result = await operations['message.send'].run(provider, text);
    expect(result.messageId).toBe('m-9');
    expect(transport.requests).toHaveLength(3);
    const timestamps = transport.requests.map((request) => request.headers.timestamp);
    expect(new Set(timestamps).size).toBe(3);
    for (const request of transport.requests) {
      expect(request.headers.sign).toBe(md5(`${API_KEY}${API_SECRET}${request.headers.timestamp}`));
    }
    expect(clock.sleeps).toHaveLength(2);
  });

  test('with transportAuthenticates, core adds none of the three headers (the n8n credential signs)', async () => {
    const transport = fakeTransport();
    const provider = createProvider({ provider: 'itnio', transportAuthenticates: true, appId: APP_ID, businessPhone: BUSINESS_PHONE, transport, clock: steppingClock() });
    await operations['message.send'].run(provider, text);
    const headers = Object.keys(transport.requests[0].headers).map((name) => name.toLowerCase());
    expect(headers).not.toContain('api-key');
    expect(headers).not.toContain('timestamp');
    expect(headers).not.toContain('sign');
    expect(headers).toContain('content-type');
  });
});
