import type {
  IAuthenticateGeneric,
  ICredentialDataDecryptedObject,
  ICredentialTestRequest,
  ICredentialType,
  IDataObject,
  IHttpRequestHelper,
  IN8nHttpFullResponse,
  INodeProperties,
  Icon,
} from 'n8n-workflow';

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The client's API root: trailing slashes dropped, /v1 added when missing (as core does). */
function apiRoot(baseUrl: unknown): string {
  const base = text(baseUrl).replace(/\/+$/, '');
  return /\/v1$/.test(base) ? base : `${base}/v1`;
}

function firstError(body: unknown): { code: string; title: string } | null {
  const errors = typeof body === 'object' && body !== null ? (body as IDataObject).errors : undefined;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  if (typeof first !== 'object' || first === null) return null;
  const { code, title } = first as IDataObject;
  return { code: typeof code === 'number' || typeof code === 'string' ? String(code) : '?', title: typeof title === 'string' ? title.slice(0, 200) : '' };
}

/** What to do about a refused login, by the client's error code. */
function loginAdvice(status: number, code: string | undefined): string {
  if (code === '1024') return 'set a new password first: log in once with {"new_password": ...} (POST /v1/users/login), then put it in this credential';
  if (status === 401) return 'check the username and password';
  return 'check the base URL and that the client is running';
}

/**
 * A refused login as an error n8n passes on as is: the client's code and title and what to do,
 * with `httpCode` (which n8n keeps) for the status.
 */
function loginRefused(status: number, body: unknown): Error {
  const error = firstError(body);
  const reason = error === null ? `HTTP ${status}` : `error ${error.code}${error.title === '' ? '' : `: ${error.title}`}`;
  return Object.assign(new Error(`Login refused (${reason}): ${loginAdvice(status, error?.code)}`), { httpCode: String(status) });
}

/** A login that got no answer: the network error's code (for the retry decision), not its request options. */
function loginUnreachable(error: unknown): Error {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(`The On-Premises client could not be reached for the login: ${message}`), typeof code === 'string' ? { code } : {});
}

function firstToken(response: unknown): string {
  const users = typeof response === 'object' && response !== null ? (response as IDataObject).users : undefined;
  const first: unknown = Array.isArray(users) ? users[0] : undefined;
  const token = typeof first === 'object' && first !== null ? (first as IDataObject).token : undefined;
  return typeof token === 'string' ? token : '';
}

/**
 * A self-hosted WhatsApp Business On-Premises API client (the Docker web app). Logs in with the
 * client's user and password and keeps the bearer token it returns in the hidden, expirable
 * `token` field: n8n logs in when it is empty and again when a request is refused with 401.
 */
export class WhatsAppOnPremisesApi implements ICredentialType {
  name = 'whatsAppOnPremisesApi';

  displayName = 'WhatsApp On-Premises API';

  icon: Icon = { light: 'file:whatsAppBusiness.svg', dark: 'file:whatsAppBusiness.dark.svg' };

  documentationUrl = 'https://developers.facebook.com/docs/whatsapp/on-premises';

  properties: INodeProperties[] = [
    {
      displayName:
        'Meta stopped delivering messages for On-Premises API numbers on 2025-10-23 (the last client version expired). Use this credential only with a client you still run (lab or legacy set-ups); move live numbers to the Cloud API.',
      name: 'sunsetNotice',
      type: 'notice',
      default: '',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'e.g. https://wa.example.com:9090/v1',
      description: 'The web app of your client; /v1 is added when missing. The local WhatsApp sandbox started with --flavor onprem serves it too.',
    },
    {
      displayName: 'Username',
      name: 'username',
      type: 'string',
      default: 'admin',
      required: true,
      description: 'A user of the client (the admin user, or one created with POST /v1/users)',
    },
    {
      displayName: 'Password',
      name: 'password',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'Its password. n8n logs in with it (POST /v1/users/login) and re-logs in when the token expires.',
    },
    {
      displayName: 'Ignore SSL Issues (Insecure)',
      name: 'ignoreSslIssues',
      type: 'boolean',
      default: false,
      description:
        "Whether to accept the client's certificate even if it cannot be verified (the client's default self-signed certificate). Anyone on the network path could then read and change the traffic; prefer installing a proper certificate.",
    },
    {
      displayName: 'Template Namespace',
      name: 'templateNamespace',
      type: 'string',
      default: '',
      placeholder: 'e.g. 0ac2a9b6_8c4e_47e1_a1ab_3f8b2c94e7b1',
      description: 'The message template namespace of the WhatsApp Business Account (WhatsApp Manager); template messages need it',
    },
    {
      displayName: 'Readiness Timeout (Seconds)',
      name: 'readinessTimeout',
      type: 'number',
      typeOptions: { minValue: 0 },
      default: 60,
      description: 'How long an operation waits for a starting client to report "connected" before failing; 0 = do not wait',
    },
    {
      displayName: 'Webhook Secret',
      name: 'webhookSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description:
        "For the WhatsApp Business Trigger. On-Premises webhooks are not signed: with a secret here the trigger accepts only requests that carry it, as ?token=<secret> after the trigger's URL or as the password of https://user:<secret>@host/... (HTTP Basic), and answers any other with 401. Left empty, there is no check: anyone who knows the URL can start the workflow.",
    },
    {
      displayName: 'Token',
      name: 'token',
      type: 'hidden',
      typeOptions: { expirable: true, password: true },
      default: '',
    },
  ];

  /**
   * Logs in with HTTP Basic; the client answers `{users: [{token, expires_after}]}`. A refused
   * login throws a plain error that says why (the client's code and title, never the password)
   * and carries no HTTP answer: n8n then reports it at once instead of logging in a second time,
   * and no HTTP client error (whose request options hold the password) travels on.
   */
  async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
    let response: IN8nHttpFullResponse;
    try {
      response = (await this.helpers.httpRequest({
        method: 'POST',
        url: `${apiRoot(credentials.baseUrl)}/users/login`,
        auth: { username: text(credentials.username), password: typeof credentials.password === 'string' ? credentials.password : '' },
        skipSslCertificateValidation: credentials.ignoreSslIssues === true,
        json: true,
        returnFullResponse: true,
        ignoreHttpStatusErrors: true,
      })) as IN8nHttpFullResponse;
    } catch (error) {
      throw loginUnreachable(error);
    }
    if (response.statusCode < 200 || response.statusCode > 299) throw loginRefused(response.statusCode, response.body);
    const token = firstToken(response.body);
    if (token === '') throw new Error('The On-Premises client answered the login without a token');
    return { token };
  }

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } },
  };

  // Logging in (n8n runs preAuthentication for a test) and reading the health proves URL, user and password.
  test: ICredentialTestRequest = {
    request: {
      url: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/v1$/, "")}}/v1/health',
      skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
    },
  };
}
