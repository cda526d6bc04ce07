import type { IAuthenticate, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';
// Core's signature itself (one small module, not the whole core bundle).
import { itnioSign, itnioTimestamp } from '../core/providers/itnio/itnio-sign';

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * ITNIO Tech (itniotech.com), a WhatsApp Business Solution Provider. Every request is signed:
 * headers Api-Key, Timestamp (Unix seconds) and Sign = md5(apiKey + apiSecret + timestamp), so
 * the signature is computed per request (a retried request gets a fresh timestamp).
 */
export class ItnioApi implements ICredentialType {
  name = 'itnioApi';

  displayName = 'ITNIO API';

  icon: Icon = { light: 'file:whatsAppBusiness.svg', dark: 'file:whatsAppBusiness.dark.svg' };

  documentationUrl = 'https://www.itniotech.com/api/account';

  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'The "API authentication name" from the ITNIO console (Home > Developers), sent as the Api-Key header',
    },
    {
      displayName: 'API Secret',
      name: 'apiSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'The API secret shown next to it; never sent, only used to sign each request',
    },
    {
      displayName: 'App ID',
      name: 'appId',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'e.g. DGziZf5u',
      description: 'The ITNIO application ID sent with every message',
    },
    {
      displayName: 'Business Phone',
      name: 'businessPhone',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'e.g. 91856321412',
      description: 'The business WhatsApp number messages are sent from: digits with the country code, no +',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://api.itniotech.com',
      description: 'Leave as is for ITNIO. The local WhatsApp sandbox started with --flavor itnio serves the same API (e.g. http://127.0.0.1:8089).',
    },
    {
      displayName: 'Webhook Secret',
      name: 'webhookSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description:
        "For the WhatsApp Business Trigger. ITNIO documents no signed callbacks: with a secret here the trigger accepts only requests that carry it, as ?token=<secret> after the trigger's URL or as the password of https://user:<secret>@host/... (HTTP Basic), and answers any other with 401. Left empty, there is no check: anyone who knows the URL can start the workflow.",
    },
  ];

  authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => {
    const apiKey = text(credentials.apiKey);
    const apiSecret = text(credentials.apiSecret);
    const timestamp = itnioTimestamp(Date.now());
    const sign = itnioSign(apiKey, apiSecret, timestamp);
    return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), 'Api-Key': apiKey, Timestamp: timestamp, Sign: sign } };
  };

  /**
   * ITNIO documents no read-only endpoint, so the test posts a session message with an empty
   * recipient: it cannot reach anyone, and ITNIO checks the signature before the content. A bad
   * key or secret answers status -1, a clock more than a few minutes off -16, an address that
   * is not on the account's IP allow-list -2; any other answer (here "empty number") proves the
   * key, the secret and the base URL.
   */
  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
      url: '/wa/custom/sendMsg',
      method: 'POST',
      body: {
        appId: '={{$credentials.appId}}',
        businessPhone: '={{$credentials.businessPhone}}',
        channelType: 0,
        recipient: '',
        type: 'text',
        text: { body: '' },
      },
    },
    rules: [
      { type: 'responseSuccessBody', properties: { key: 'status', value: '-1', message: 'ITNIO refused the signature: check the API Key and the API Secret' } },
      { type: 'responseSuccessBody', properties: { key: 'status', value: '-16', message: "ITNIO refused the timestamp: the n8n server's clock is off" } },
      { type: 'responseSuccessBody', properties: { key: 'status', value: '-2', message: "ITNIO refused n8n's IP address: add it to the account's IP allow-list" } },
    ],
  };
}
