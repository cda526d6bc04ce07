import { alternativeFor, PROVIDER_SUPPORT } from 'whatsapp-business-core';
import type { Capability, Provider, ProviderName } from 'whatsapp-business-core';
import type { McpConfig, PolicySettings } from '../config';
import { accountTools } from './account';
import { connectionTools } from './connections';
import { contactTools } from './contacts';
import type { ToolDefinition } from './define';
import { inboxTools } from './inbox-tools';
import { withoutProperties } from './json-schema';
import { mediaTools } from './media';
import { messagingTools } from './messages';
import { onPremAccountTools } from './onprem-account';
import { SIMULATE_TOOL, simulateCustomerTool } from './simulate';
import { templateTools } from './templates';
import { TOOLSETS } from './toolsets';

/** The provider whose API the server speaks (the embedded sandbox simulates the Cloud API). */
export function providerNameOf(config: McpConfig): ProviderName {
  return config.provider.kind === 'sandbox' ? 'cloud' : config.provider.kind;
}

/**
 * Fields of the catalogue inputs a provider refuses (core's validation error names them): a
 * self-hosted On-Premises client serves one number and has no business account id; ITNIO sends
 * from its configured business phone; neither echoes callback data. Left out of the listed
 * schemas so that models are not invited to fill them in.
 */
const REFUSED_FIELDS: Readonly<Record<ProviderName, readonly string[]>> = {
  cloud: [],
  maton: [],
  onprem: ['phoneNumberId', 'wabaId', 'bizOpaqueCallbackData'],
  itnio: ['phoneNumberId', 'wabaId', 'bizOpaqueCallbackData'],
};

/**
 * Every tool this server knows, in listing order (deterministic). Descriptions and listed schemas
 * are written for the configured provider; which of them are offered is decided by `offeredTools`.
 */
export function allTools(config: McpConfig): ToolDefinition[] {
  const provider = providerNameOf(config);
  const refused = REFUSED_FIELDS[provider];
  const tools = [
    ...messagingTools(provider),
    ...contactTools(),
    ...templateTools(provider),
    ...mediaTools(config, provider),
    ...accountTools(),
    ...onPremAccountTools(),
    ...connectionTools(),
    ...inboxTools(),
    // A simulated customer exists only where the customers are simulated.
    ...(config.provider.kind === 'sandbox' ? [simulateCustomerTool()] : []),
  ];
  return refused.length === 0 ? tools : tools.map((tool) => (tool.operation === null ? tool : { ...tool, inputSchema: withoutProperties(tool.inputSchema, refused) }));
}

/** Names of every tool, for validating --tools before anything starts. */
export const TOOL_NAMES: readonly string[] = [
  'whatsapp_send_text',
  'whatsapp_send_media',
  'whatsapp_send_template',
  'whatsapp_send_interactive',
  'whatsapp_send_location',
  'whatsapp_send_contacts',
  'whatsapp_react',
  'whatsapp_mark_read',
  'whatsapp_check_contacts',
  'whatsapp_list_templates',
  'whatsapp_get_template',
  'whatsapp_create_template',
  'whatsapp_delete_template',
  'whatsapp_upload_media',
  'whatsapp_get_media',
  'whatsapp_download_media',
  'whatsapp_delete_media',
  'whatsapp_list_phone_numbers',
  'whatsapp_get_phone_number',
  'whatsapp_get_business_profile',
  'whatsapp_update_business_profile',
  'whatsapp_get_health',
  'whatsapp_request_registration_code',
  'whatsapp_verify_registration_code',
  'whatsapp_get_application_settings',
  'whatsapp_update_application_settings',
  'whatsapp_list_connections',
  'whatsapp_create_connection',
  'whatsapp_get_connection',
  'whatsapp_delete_connection',
  'whatsapp_list_conversations',
  'whatsapp_get_conversation',
  'whatsapp_wait_for_reply',
  SIMULATE_TOOL,
];

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Why the provider cannot run the tool (core's alternative, naming what to use instead), or null
 * when it can. A capability counts only when the provider has the method and its declared support
 * (PROVIDER_SUPPORT) lists it; a send tool needs at least one of its message kinds.
 */
export function unavailableReason(tool: ToolDefinition, provider: Provider): string | null {
  const support = PROVIDER_SUPPORT[provider.name];
  if (tool.operation !== null) {
    const missing = tool.operation.requires.find(
      (capability: Capability) => typeof provider[capability] !== 'function' || !support.capabilities.includes(capability),
    );
    if (missing !== undefined) return capitalize(alternativeFor(provider.name, missing) ?? `the ${provider.label} does not offer ${tool.operation.name}.`);
  }
  const kinds = tool.messageKinds;
  if (kinds !== undefined && !kinds.some((kind) => support.messageKinds.includes(kind))) {
    return capitalize(alternativeFor(provider.name, kinds[0]) ?? `the ${provider.label} cannot send this kind of message.`);
  }
  return null;
}

/** Tools the provider cannot run, with the reason (to answer a call to one helpfully). */
export function unavailableTools(tools: readonly ToolDefinition[], provider: Provider): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const tool of tools) {
    const reason = unavailableReason(tool, provider);
    if (reason !== null) reasons.set(tool.name, reason);
  }
  return reasons;
}

/**
 * The tools this server offers: those the provider supports, minus what the operator's policy
 * hides (--read-only hides every tool not annotated read-only; --tools keeps the named tools and toolsets).
 */
export function offeredTools(tools: readonly ToolDefinition[], provider: Provider, policy: PolicySettings): ToolDefinition[] {
  const selected = policy.tools === null ? null : new Set(policy.tools);
  return tools.filter((tool) => {
    if (unavailableReason(tool, provider) !== null) return false;
    // Read-only offers only tools annotated read-only (the sandbox's simulated customer changes local state).
    if (policy.readOnly && (tool.sideEffect || tool.annotations.readOnlyHint !== true)) return false;
    if (selected !== null && !selected.has(tool.name) && !selected.has(tool.toolset)) return false;
    return true;
  });
}

export { TOOLSETS };
