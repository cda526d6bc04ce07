import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The Meta app's own secrets, which the WhatsApp Business Trigger needs besides the Cloud API
 * credential: the App Secret checks every webhook's X-Hub-Signature-256, the App ID with the App
 * Secret form the app access token (`app-id|app-secret`) that manages the app's webhook
 * subscription, and the verify token answers Meta's handshake when the webhook is set up by hand.
 * Not OAuth: nothing here goes through a consent screen. Other providers (Maton, On-Premises,
 * ITNIO) add their own webhook credentials next to this one.
 */
export class WhatsAppWebhookApi implements ICredentialType {
  name = 'whatsAppWebhookApi';

  displayName = 'WhatsApp Webhook (App Secret) API';

  icon: Icon = { light: 'file:whatsAppBusiness.svg', dark: 'file:whatsAppBusiness.dark.svg' };

  documentationUrl = 'https://developers.facebook.com/docs/graph-api/webhooks/getting-started';

  properties: INodeProperties[] = [
    {
      displayName: 'App ID',
      name: 'appId',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'e.g. 1234567890123456',
      description:
        'Your Meta app\'s ID (App Dashboard > App settings > Basic). Used by the "Automatic" setup mode to register the webhook, and to test this credential.',
    },
    {
      displayName: 'App Secret',
      name: 'appSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description:
        'App Dashboard > App settings > Basic > App secret. Every webhook Meta sends is signed with it; requests without a valid signature are refused.',
    },
    {
      displayName: 'Verify Token',
      name: 'verifyToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description:
        'Only for the "Manual" setup mode: any string you choose. Paste the same string into Verify token in the App Dashboard (WhatsApp > Configuration) next to the trigger\'s webhook URL. The "Automatic" mode makes its own.',
    },
    {
      displayName: 'API Version',
      name: 'apiVersion',
      type: 'string',
      default: 'v23.0',
      placeholder: 'e.g. v23.0',
      description: 'Graph API version used to manage the app\'s webhook subscription',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://graph.facebook.com',
      description:
        'Leave as is for Meta. Point it at the local WhatsApp sandbox (e.g. http://127.0.0.1:8089) to build and test workflows without a Meta account.',
    },
  ];

  // Meta accepts "app-id|app-secret" as an app access token.
  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { qs: { access_token: '={{$credentials.appId}}|{{$credentials.appSecret}}' } },
  };

  // Reading the app proves the App ID and the App Secret together.
  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.apiVersion}}',
      url: '=/{{$credentials.appId}}',
      qs: { fields: 'id,name' },
    },
  };
}
