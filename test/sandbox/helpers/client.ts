import type { RunningSandbox } from 'whatsapp-sandbox';

export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_user_title?: string;
    error_data?: { messaging_product: string; details: string };
    fbtrace_id: string;
  };
}

export interface SendResponseBody {
  messaging_product: string;
  contacts: { input: string; wa_id: string }[];
  messages: { id: string; message_status: string }[];
}

export interface HttpReply {
  status: number;
  headers: Headers;
  /** Parsed JSON (tests narrow it with `as` to the shape they expect). */
  body: unknown;
}

export interface RequestOptions {
  /** Defaults to the sandbox token; null sends no Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
  rawBody?: string | Buffer | FormData;
}

/** Thin fetch wrapper for the sandbox's Graph routes and control API. */
export class SandboxClient {
  constructor(
    readonly sandbox: RunningSandbox,
    readonly version = 'v23.0',
  ) {}

  graphUrl(path: string): string {
    return `${this.sandbox.url}/${this.version}/${path.replace(/^\//, '')}`;
  }

  async request(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<HttpReply> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? this.sandbox.token : options.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    let payload: string | Buffer | FormData | undefined = options.rawBody;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(url, { method, headers, body: payload });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  graph(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<HttpReply> {
    return this.request(method, this.graphUrl(path), body, options);
  }

  send(message: unknown, options?: RequestOptions): Promise<HttpReply> {
    return this.graph('POST', `${this.sandbox.phoneNumberId}/messages`, message, options);
  }

  control(method: string, path: string, body?: unknown): Promise<HttpReply> {
    return this.request(method, `${this.sandbox.url}/_sandbox/${path.replace(/^\//, '')}`, body, { token: null });
  }

  /** Simulates the customer writing first, which opens the 24 h window. */
  async inbound(body: Record<string, unknown>): Promise<{ messageId: string; mediaId?: string; webhook: unknown }> {
    const reply = await this.control('POST', 'inbound', body);
    expect(reply.status).toBe(200);
    return reply.body as { messageId: string; mediaId?: string; webhook: unknown };
  }

  async upload(bytes: Buffer, mimeType: string, filename: string): Promise<string> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', mimeType);
    form.append('file', new Blob([bytes], { type: mimeType }), filename);
    const reply = await this.graph('POST', `${this.sandbox.phoneNumberId}/media`, undefined, { rawBody: form });
    expect(reply.status).toBe(200);
    return (reply.body as { id: string }).id;
  }

  async createTemplate(definition: Record<string, unknown>): Promise<{ id: string; status: string; category: string }> {
    const reply = await this.graph('POST', `${this.sandbox.wabaId}/message_templates`, definition);
    if (reply.status !== 200) throw new Error(`template creation failed: ${JSON.stringify(reply.body)}`);
    return reply.body as { id: string; status: string; category: string };
  }
}

/** Asserts a Graph error envelope with this code whose details match. */
export function expectGraphError(reply: HttpReply, code: number, details?: RegExp | string, httpStatus = 400): GraphErrorBody['error'] {
  const body = reply.body as GraphErrorBody;
  expect({ status: reply.status, code: body.error?.code, details: body.error?.error_data?.details }).toMatchObject({
    status: httpStatus,
    code,
  });
  expect(body.error.type).toBe('OAuthException');
  expect(body.error.fbtrace_id).toMatch(/^[A-Za-z0-9_-]{23}$/);
  if (details !== undefined) {
    expect(body.error.error_data?.messaging_product).toBe('whatsapp');
    if (typeof details === 'string') expect(body.error.error_data?.details).toContain(details);
    else expect(body.error.error_data?.details).toMatch(details);
  }
  return body.error;
}

export function textMessage(to: string, body = 'Hello'): Record<string, unknown> {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body } };
}

/** Polls until the assertion passes (for effects that happen just after a response). */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
