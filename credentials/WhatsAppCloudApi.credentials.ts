import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Meta's Cloud API (graph.facebook.com), or anything that speaks it: the local WhatsApp sandbox,
 * or a proxy. One credential covers every phone number of the WhatsApp Business Account.
 */
export class WhatsAppCloudApi implements ICredentialType {
  name = 'whatsAppCloudApi';

  displayName = 'WhatsApp Cloud API';

  icon: Icon = { light: 'file:whatsAppBusiness.svg', dark: 'file:whatsAppBusiness.dark.svg' };

  documentationUrl = 'https://developers.facebook.com/docs/whatsapp/cloud-api/get-started';

  properties: INodeProperties[] = [
    {
      displayName: 'Access Token',
      name: 'accessToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description:
        'A System User access token (Business Settings > Users > System users > Generate token) with the whatsapp_business_messaging and whatsapp_business_management permissions. Temporary tokens from the App Dashboard expire after 24 hours.',
    },
    {
      displayName: 'WhatsApp Business Account ID',
      name: 'businessAccountId',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'e.g. 102290129340398',
      description:
        'The WABA ID shown in the App Dashboard under WhatsApp > API Setup. Not the Meta Business ID and not a phone number ID: templates and phone numbers are read from this account.',
    },
    {
      displayName: 'API Version',
      name: 'apiVersion',
      type: 'string',
      default: 'v23.0',
      placeholder: 'e.g. v23.0',
      description: 'Graph API version used for every request',
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

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
  };

  // Reading the account proves the token, the WABA ID and the base URL together.
  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.apiVersion}}',
      url: '=/{{$credentials.businessAccountId}}',
      qs: { fields: 'id,name' },
    },
  };
}
