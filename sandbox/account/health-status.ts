import type { JsonObject } from 'whatsapp-business-core';
import type { SandboxContext } from '../runtime/context';

/**
 * Meta's `health_status` field (WABA and phone number): whether messages can be sent, overall and
 * per entity in the chain. The sandbox's business is always able to send.
 */
export function healthStatus(ctx: SandboxContext): JsonObject {
  return {
    can_send_message: 'AVAILABLE',
    entities: [
      { entity_type: 'PHONE_NUMBER', id: ctx.config.phoneNumberId, can_send_message: 'AVAILABLE' },
      { entity_type: 'WABA', id: ctx.config.wabaId, can_send_message: 'AVAILABLE' },
      { entity_type: 'APP', id: ctx.config.appId, can_send_message: 'AVAILABLE' },
    ],
  };
}
