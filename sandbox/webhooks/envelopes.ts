import type { JsonObject } from 'whatsapp-business-core';

export interface BusinessIdentity {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

/** A `messages` field change: Meta adds messaging_product and the receiving number's metadata. */
export function messagesEnvelope(business: BusinessIdentity, value: JsonObject): JsonObject {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: business.wabaId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: business.displayPhoneNumber, phone_number_id: business.phoneNumberId },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** Account-level fields (template status and the like) carry entry.time and no metadata. */
export function accountEnvelope(wabaId: string, field: string, value: JsonObject, nowMs: number): JsonObject {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, time: Math.floor(nowMs / 1000), changes: [{ value, field }] }],
  };
}

/** Webhook and record timestamps are Unix seconds as strings, as in Meta's payloads. */
export function unixSeconds(nowMs: number): string {
  return String(Math.floor(nowMs / 1000));
}
