import type { Provider } from 'whatsapp-business-core';
import type { McpConfig, PolicySettings } from '../config';
import { accountTools } from './account';
import type { ToolDefinition } from './define';
import { inboxTools } from './inbox-tools';
import { mediaTools } from './media';
import { messagingTools } from './messages';
import { templateTools } from './templates';
import { TOOLSETS } from './toolsets';

/** Every tool this server knows, in listing order (deterministic). */
export function allTools(config: McpConfig): ToolDefinition[] {
  return [...messagingTools(), ...templateTools(), ...mediaTools(config), ...accountTools(), ...inboxTools()];
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
  'whatsapp_list_conversations',
  'whatsapp_get_conversation',
  'whatsapp_wait_for_reply',
];

/**
 * The tools this server offers: those the provider supports, minus what the operator's policy
 * hides (--read-only hides every side effect; --tools keeps the named tools and toolsets).
 */
export function offeredTools(tools: readonly ToolDefinition[], provider: Provider, policy: PolicySettings): ToolDefinition[] {
  const selected = policy.tools === null ? null : new Set(policy.tools);
  return tools.filter((tool) => {
    if (tool.operation !== null && !tool.operation.supportedBy(provider)) return false;
    if (policy.readOnly && tool.sideEffect) return false;
    if (selected !== null && !selected.has(tool.name) && !selected.has(tool.toolset)) return false;
    return true;
  });
}

export { TOOLSETS };
