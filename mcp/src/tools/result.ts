import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { WhatsAppError, WhatsAppValidationError } from 'whatsapp-business-core';

type ContentBlock = CallToolResult['content'][number];

/** What a tool handler returns on success: the structured result, plus any extra content blocks. */
export interface ToolOutcome {
  structured: Record<string, unknown>;
  /** Blocks after the JSON text block (images, embedded files, resource links). */
  extra?: ContentBlock[];
}

export type PolicyCode = 'recipient_not_allowed' | 'rate_limited' | 'window_closed' | 'upload_dir_disabled' | 'path_not_allowed';

/** The server's own policy refused the call; nothing was sent. */
export class PolicyDenied extends Error {
  constructor(
    readonly code: PolicyCode,
    message: string,
    readonly hint: string,
    readonly extra: { retryAfterSeconds?: number; metaCode?: number } = {},
  ) {
    super(message);
    this.name = 'PolicyDenied';
  }
}

/** Tool input that failed a check the binding layer owns (e.g. base64), shaped like core's. */
export function inputError(path: string, rule: string): WhatsAppValidationError {
  return new WhatsAppValidationError([{ path, rule }]);
}

export function successResult(outcome: ToolOutcome): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(outcome.structured) }, ...(outcome.extra ?? [])],
    structuredContent: outcome.structured,
  };
}

/** Core's hints name catalogue operations; agents see tools. */
const TOOL_FOR_OPERATION: Readonly<Record<string, string>> = {
  'message.markRead': 'whatsapp_mark_read',
  'template.list': 'whatsapp_list_templates',
  'template.get': 'whatsapp_get_template',
  'template.create': 'whatsapp_create_template',
  'template.delete': 'whatsapp_delete_template',
  'media.upload': 'whatsapp_upload_media',
  'media.getUrl': 'whatsapp_get_media',
  'media.download': 'whatsapp_download_media',
  'media.delete': 'whatsapp_delete_media',
  'phoneNumber.list': 'whatsapp_list_phone_numbers',
  'phoneNumber.get': 'whatsapp_get_phone_number',
  'businessProfile.get': 'whatsapp_get_business_profile',
  'businessProfile.update': 'whatsapp_update_business_profile',
  'connection.list': 'whatsapp_list_connections',
  'connection.create': 'whatsapp_create_connection',
  'connection.get': 'whatsapp_get_connection',
  'connection.delete': 'whatsapp_delete_connection',
  'account.getHealth': 'whatsapp_get_health',
  'account.requestCode': 'whatsapp_request_registration_code',
  'account.verifyCode': 'whatsapp_verify_registration_code',
  'account.getSettings': 'whatsapp_get_application_settings',
  'account.updateSettings': 'whatsapp_update_application_settings',
  'contact.check': 'whatsapp_check_contacts',
};
const OPERATION_NAME = new RegExp(`\\b(${Object.keys(TOOL_FOR_OPERATION).map((name) => name.replace('.', '\\.')).join('|')})\\b`, 'g');

/** Core's hints name configuration fields; this server's operator sets environment variables. */
const SETTING_FOR_FIELD: readonly (readonly [RegExp, string])[] = [[/\binsecureTls: true in the provider configuration\b/g, 'WHATSAPP_ONPREM_INSECURE_TLS=true']];

function toolNames(text: string | null): string | null {
  if (text === null) return null;
  let out = text.replace(OPERATION_NAME, (name) => TOOL_FOR_OPERATION[name] ?? name);
  for (const [field, variable] of SETTING_FOR_FIELD) out = out.replace(field, variable);
  return out;
}

const VALIDATION_HINT = 'Fix the fields listed in "issues" (each names the field and the rule it broke) and call the tool again.';

export interface ErrorReport {
  kind: string;
  message: string;
  code: number | string | null;
  hint: string | null;
  retryable: boolean;
  retryAfterSeconds?: number | null;
  httpStatus?: number | null;
  title?: string | null;
  details?: string | null;
  fbtraceId?: string | null;
  issues?: readonly { path: string; rule: string }[];
}

export function describeError(error: unknown): ErrorReport {
  if (error instanceof WhatsAppValidationError) {
    return { kind: 'validation', message: 'The input breaks a WhatsApp rule; nothing was sent.', code: null, hint: VALIDATION_HINT, retryable: false, issues: error.issues };
  }
  if (error instanceof WhatsAppError) {
    return {
      kind: error.kind,
      message: toolNames(error.message) ?? error.message,
      code: error.metaCode,
      hint: toolNames(error.hint),
      retryable: error.retryable,
      retryAfterSeconds: error.retryAfterSeconds,
      httpStatus: error.httpStatus,
      title: error.title,
      details: error.details,
      fbtraceId: error.fbtraceId,
    };
  }
  if (error instanceof PolicyDenied) {
    return {
      kind: 'policy',
      message: error.message,
      code: error.extra.metaCode ?? error.code,
      hint: error.hint,
      retryable: error.code === 'rate_limited',
      retryAfterSeconds: error.extra.retryAfterSeconds ?? null,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Unexpected failure: ${message}`, code: null, hint: 'This is a server-side problem; retrying may not help.', retryable: false };
}

/** An `isError` result: a line a person can read, then the same facts as JSON. */
export function errorResult(error: unknown): CallToolResult {
  const report = describeError(error);
  const lines = [`Error (${report.kind}${report.code === null ? '' : `, code ${report.code}`}): ${report.message}`];
  for (const issue of report.issues ?? []) lines.push(`- ${issue.path || 'input'}: ${issue.rule}`);
  if (report.hint) lines.push(`Hint: ${report.hint}`);
  return {
    isError: true,
    content: [
      { type: 'text', text: lines.join('\n') },
      { type: 'text', text: JSON.stringify({ error: report }) },
    ],
  };
}
