/**
 * Shared helpers for the validation tests: a recording fake provider (no network) and small
 * wrappers that run a catalogue operation and return either what reached the provider or the
 * WhatsAppValidationError that stopped it.
 */
import { operations, WhatsAppValidationError } from 'whatsapp-business-core';
import type { OperationName, Provider, ProviderCapabilities, ValidationIssue } from 'whatsapp-business-core';

export interface ProviderCall {
  method: keyof ProviderCapabilities;
  input: unknown;
}

export interface RecordingProvider extends Provider {
  readonly calls: ProviderCall[];
}

const template = {
  id: '1234567890',
  name: 'order_update',
  language: 'en_US',
  status: 'APPROVED',
  category: 'UTILITY',
  parameterFormat: 'POSITIONAL',
  components: [{ type: 'BODY', text: 'Hello' }],
  qualityScore: null,
  rejectedReason: null,
};

const connection = {
  connectionId: '21fd90f9-5935-43cd-b6c8-bde9d915ca80',
  status: 'ACTIVE',
  app: 'whatsapp-business',
  url: 'https://connect.example/?session_token=test',
  createdAt: null,
  updatedAt: null,
  metadata: {},
};

/** Plausible results per provider method; the operations under test never look inside them. */
const results: { [K in keyof ProviderCapabilities]: (input: Parameters<ProviderCapabilities[K]>[0]) => Awaited<ReturnType<ProviderCapabilities[K]>> } = {
  sendMessage: (input) => ({ status: 'accepted', messageId: 'wamid.TEST', phoneNumberId: '106540352242922', to: input.to, waId: input.to }),
  markRead: () => ({ success: true }),
  uploadMedia: () => ({ mediaId: '987654321' }),
  getMediaInfo: (input) => ({ mediaId: input.mediaId, url: 'https://lookaside.example/media', mimeType: 'image/png', sha256: null, fileSize: 1 }),
  downloadMedia: (input) => ({
    mediaId: input.mediaId,
    data: new Uint8Array([1]),
    mimeType: 'image/png',
    fileSize: 1,
    sha256: null,
    sha256Verified: false,
  }),
  deleteMedia: () => ({ deleted: true }),
  listTemplates: (input) => ({
    templates: [{ ...template, name: input.name ?? template.name, language: input.language ?? template.language }],
    count: 1,
    hasMore: false,
  }),
  getTemplateById: (input) => ({ ...template, id: input.templateId }),
  createTemplate: (input) => ({ id: '555', status: 'PENDING', category: input.category }),
  deleteTemplate: () => ({ deleted: true }),
  listPhoneNumbers: () => ({ phoneNumbers: [], count: 0 }),
  getPhoneNumber: (input) => ({
    id: input.phoneNumberId ?? '106540352242922',
    displayPhoneNumber: null,
    verifiedName: null,
    qualityRating: null,
    codeVerificationStatus: null,
    nameStatus: null,
    platformType: null,
    throughputLevel: null,
    messagingLimitTier: null,
    status: null,
    accountMode: null,
  }),
  getBusinessProfile: () => ({
    about: null,
    address: null,
    description: null,
    email: null,
    profilePictureUrl: null,
    websites: [],
    vertical: null,
  }),
  updateBusinessProfile: (input) => ({
    updated: true,
    fields: Object.keys(input).filter((key) => key !== 'phoneNumberId'),
  }),
  listConnections: () => ({ connections: [], count: 0 }),
  createConnection: (input) => ({ ...connection, app: input.app, status: 'PENDING' }),
  getConnection: (input) => ({ ...connection, connectionId: input.connectionId }),
  deleteConnection: () => ({ deleted: true }),
  getHealth: () => ({ ready: true, gatewayStatus: 'connected', nodes: [{ node: null, gatewayStatus: 'connected', role: null }], apiStatus: 'stable', version: 'v2.53.1' }),
  requestRegistrationCode: () => ({ status: 'code_sent', verifiedName: null }),
  verifyRegistrationCode: () => ({ registered: true }),
  getApplicationSettings: () => ({ webhookUrl: null, settings: {} }),
  updateApplicationSettings: (input) => ({ updated: true, fields: Object.keys(input) }),
  checkContacts: (input) => ({ contacts: input.contacts.map((contact) => ({ input: contact, status: 'processing', waId: null })) }),
};

/** A provider with every capability that records the (validated) input of each call. */
export function recordingProvider(): RecordingProvider {
  const calls: ProviderCall[] = [];
  const provider: Record<string, unknown> = { name: 'cloud', label: 'Recording fake', calls, close: async () => undefined };
  for (const method of Object.keys(results) as (keyof ProviderCapabilities)[]) {
    provider[method] = async (input: unknown) => {
      calls.push({ method, input });
      return (results[method] as (input: unknown) => unknown)(input);
    };
  }
  return provider as unknown as RecordingProvider;
}

/** The validated input type an operation hands to the provider. */
export type ValidatedInput<N extends OperationName> = Parameters<(typeof operations)[N]['execute']>[1];

/**
 * Runs the operation and returns the validated input that reached the provider.
 * Fails the test (with the validation issues in the message) when validation rejects the input.
 */
export async function accepted<N extends OperationName>(name: N, input: unknown): Promise<ValidatedInput<N>> {
  const provider = recordingProvider();
  try {
    await (operations[name].run as (provider: Provider, input: unknown) => Promise<unknown>)(provider, input);
  } catch (error) {
    if (error instanceof WhatsAppValidationError) {
      throw new Error(`expected ${name} to accept the input, but it was rejected: ${error.message}`);
    }
    throw error;
  }
  expect(provider.calls.length).toBeGreaterThanOrEqual(1);
  return provider.calls[0].input as ValidatedInput<N>;
}

/**
 * Runs the operation, expects a WhatsAppValidationError and that the provider was never called,
 * and returns the error.
 */
export async function rejected(name: OperationName, input: unknown): Promise<WhatsAppValidationError> {
  const provider = recordingProvider();
  let caught: unknown;
  try {
    await (operations[name].run as (provider: Provider, input: unknown) => Promise<unknown>)(provider, input);
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) {
    throw new Error(
      `expected ${name} to reject the input, but it reached the provider with ${JSON.stringify(provider.calls[0]?.input, replacer)}`,
    );
  }
  if (!(caught instanceof WhatsAppValidationError)) throw caught;
  expect(provider.calls).toEqual([]);
  // The message lists every issue as `path: rule`.
  for (const issue of caught.issues) expect(caught.message).toContain(`${issue.path || 'input'}: ${issue.rule}`);
  return caught;
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? `<${value.byteLength} bytes>` : value;
}

/** Matcher for one issue: an exact rule, or a rule matching a RegExp. */
export function issue(path: string, rule: string | RegExp): ValidationIssue {
  return { path, rule: typeof rule === 'string' ? rule : (expect.stringMatching(rule) as unknown as string) };
}

/** Expects the input to be rejected with (at least) these issues; returns all issues. */
export async function expectIssues(name: OperationName, input: unknown, ...expected: ValidationIssue[]): Promise<readonly ValidationIssue[]> {
  const error = await rejected(name, input);
  for (const one of expected) expect(error.issues).toContainEqual(one);
  return error.issues;
}

// ---------------------------------------------------------------------------------------------
// message.send shortcuts

export const TO = '16505551234';

export function sendAccepted(message: Record<string, unknown>): Promise<ValidatedInput<'message.send'>> {
  return accepted('message.send', { to: TO, ...message });
}

export function sendRejected(message: Record<string, unknown>, ...expected: ValidationIssue[]): Promise<readonly ValidationIssue[]> {
  return expectIssues('message.send', { to: TO, ...message }, ...expected);
}

/** A string of exactly `n` characters. */
export const chars = (n: number, char = 'a'): string => char.repeat(n);

/** Escapes a literal for use inside a RegExp. */
export const literal = (text: string): RegExp => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
