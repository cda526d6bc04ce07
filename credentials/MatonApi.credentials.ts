import type { IAuthenticate, ICredentialTestRequest, ICredentialType, IDataObject, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';

/** Maton's gateway path for WhatsApp Business; only requests below it act through a connection. */
const GATEWAY_APP_PATH = '/whatsapp-business/';

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * The Maton gateway (maton.ai): Meta's Graph API proxied with the OAuth token of one of the Maton
 * account's WhatsApp connections, plus Maton's connection API. Phone numbers and templates are
 * Graph's, so the node's pickers work as with the Cloud API credential.
 */
export class MatonApi implements ICredentialType {
  name = 'matonApi';

  displayName = 'Maton API';

  icon: Icon = { light: 'file:whatsAppBusiness.svg', dark: 'file:whatsAppBusiness.dark.svg' };

  documentationUrl = 'https://www.maton.ai';

  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'Your Maton API key (maton.ai/settings). Sent as a bearer token to the gateway and the connection API.',
    },
    {
      displayName: 'Connection ID',
      name: 'connectionId',
      type: 'string',
      default: '',
      placeholder: 'e.g. 5a4d1b0e-0000-4000-8000-000000000001',
      description:
        'Optional: which WhatsApp connection of the Maton account to act through (sent as the Maton-Connection header). Empty: Maton uses the oldest active connection. The node\'s Connection > Get Many lists them.',
    },
    {
      displayName: 'WhatsApp Business Account ID',
      name: 'businessAccountId',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'e.g. 102290129340398',
      description:
        'The WABA ID of the connected WhatsApp account (WhatsApp Manager > Account tools, or the App Dashboard). Templates and phone numbers are read from this account; the sender number is chosen in the node.',
    },
    {
      displayName: 'API Version',
      name: 'apiVersion',
      type: 'string',
      default: 'v23.0',
      placeholder: 'e.g. v23.0',
      description: 'Graph API version in the gateway paths',
    },
    {
      displayName: 'Gateway URL',
      name: 'gatewayUrl',
      type: 'string',
      default: 'https://gateway.maton.ai',
      description:
        'Leave as is for Maton. Requests go to {Gateway URL}/whatsapp-business/{Graph path}. The local WhatsApp sandbox started with --flavor maton serves it too (e.g. http://127.0.0.1:8089).',
    },
    {
      displayName: 'Control URL',
      name: 'controlUrl',
      type: 'string',
      default: 'https://ctrl.maton.ai',
      description: "Maton's connection API (list, create, get, delete connections). The sandbox's maton flavor serves it on the same port as the gateway.",
    },
  ];

  /**
   * The API key on every request; the chosen connection only on gateway requests (the
   * connection API manages connections and takes none).
   */
  authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => {
    const headers: IDataObject = { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${text(credentials.apiKey)}` };
    const connectionId = text(credentials.connectionId);
    // The node's requests may already name the connection (it is no secret); never send it twice.
    const named = Object.keys(headers).some((name) => name.toLowerCase() === 'maton-connection');
    if (connectionId !== '' && !named && requestOptions.url.includes(GATEWAY_APP_PATH)) headers['Maton-Connection'] = connectionId;
    return { ...requestOptions, headers };
  };

  // Listing the WhatsApp connections proves the API key (and the control URL) without changing anything.
  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.controlUrl.replace(/\\/+$/, "")}}',
      url: '/connections',
      qs: { app: 'whatsapp-business' },
    },
  };
}
