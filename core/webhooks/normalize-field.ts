import { blankEvent } from './blank-event';
import type { EventOrigin } from './blank-event';
import type { WebhookEvent, WebhookEventKind } from './event';
import type { Fingerprinter } from './fingerprint';
import { num, objects, str } from '../json-read';
import type { Json } from '../json-read';

const TEMPLATE_FIELDS: Readonly<Record<string, { kind: WebhookEventKind; eventKey: string }>> = {
  message_template_status_update: { kind: 'template_status', eventKey: 'event' },
  message_template_quality_update: { kind: 'template_quality', eventKey: 'new_quality_score' },
  template_category_update: { kind: 'template_category', eventKey: 'new_category' },
};

const GROUP_FIELDS = new Set(['group_lifecycle_update', 'group_settings_update', 'group_participants_update', 'group_participant_update', 'group_status_update']);

/**
 * Field changes carry no id. A redelivery repeats the payload and its entry time; the same change
 * happening again later (approved, paused, approved) has a new time, so it is a new event.
 */
function withKey(event: WebhookEvent, entryTime: number | null, fingerprint: Fingerprinter): WebhookEvent {
  event.dedupeKey = `${event.field ?? 'unknown'}:${event.wabaId ?? ''}:${entryTime ?? ''}:${fingerprint(event.raw)}`;
  return event;
}

/** Events from a change whose field is not `messages`. Unknown fields become kind "unknown". */
export function normalizeFieldChange(value: Json, origin: EventOrigin, fingerprint: Fingerprinter): WebhookEvent[] {
  const field = origin.field ?? '';
  const template = TEMPLATE_FIELDS[field];
  if (template !== undefined) {
    const event = blankEvent(template.kind, origin, value);
    event.event = str(value[template.eventKey]);
    event.template = {
      id: str(value.message_template_id),
      name: str(value.message_template_name),
      language: str(value.message_template_language),
      category: str(value.message_template_category) ?? str(value.new_category),
      reason: str(value.reason),
    };
    return [withKey(event, origin.entryTime, fingerprint)];
  }
  if (field === 'account_update') {
    const event = blankEvent('account_update', origin, value);
    event.event = str(value.event);
    event.displayPhoneNumber = str(value.phone_number) ?? origin.displayPhoneNumber;
    return [withKey(event, origin.entryTime, fingerprint)];
  }
  if (field === 'phone_number_quality_update' || field === 'phone_number_name_update') {
    const event = blankEvent(field === 'phone_number_quality_update' ? 'phone_number_quality' : 'phone_number_name', origin, value);
    event.event = str(value.event) ?? str(value.decision);
    event.displayPhoneNumber = str(value.display_phone_number) ?? origin.displayPhoneNumber;
    return [withKey(event, origin.entryTime, fingerprint)];
  }
  if (GROUP_FIELDS.has(field) || Array.isArray(value.groups)) {
    const groups = objects(value.groups);
    if (groups.length > 0) {
      return groups.map((group) => {
        const event = blankEvent('group', origin, group);
        event.type = str(group.type);
        event.event = str(group.type);
        event.timestamp = num(group.timestamp) ?? origin.entryTime;
        return withKey(event, origin.entryTime, fingerprint);
      });
    }
  }
  return [withKey(blankEvent('unknown', origin, value), origin.entryTime, fingerprint)];
}
