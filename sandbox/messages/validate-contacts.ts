import { LIMITS } from 'whatsapp-business-core';
import { Field } from '../validation/field';

const CARD_KEYS = ['addresses', 'birthday', 'emails', 'name', 'org', 'phones', 'urls'];
const NAME_KEYS = ['formatted_name', 'first_name', 'last_name', 'middle_name', 'suffix', 'prefix'];
const ADDRESS_KEYS = ['street', 'city', 'state', 'zip', 'country', 'country_code', 'type'];
const ORG_KEYS = ['company', 'department', 'title'];

/** Sub-objects whose fields are all optional strings. */
const LIST_KEYS: Record<'addresses' | 'emails' | 'phones' | 'urls', readonly string[]> = {
  addresses: ADDRESS_KEYS,
  emails: ['email', 'type'],
  phones: ['phone', 'type', 'wa_id'],
  urls: ['url', 'type'],
};

export function validateContacts(field: Field): void {
  const cards = field.array({ min: LIMITS.contacts.min, max: LIMITS.contacts.max, noun: 'contact cards' });
  cards.forEach(validateCard);
}

/** A contact card as Meta defines it; also used for simulated inbound contacts. */
export function validateCard(card: Field): void {
  card.object(CARD_KEYS);
  const name = card.child('name');
  name.object(NAME_KEYS);
  name.child('formatted_name').string({ min: 1 });
  optionalStrings(name, NAME_KEYS.filter((key) => key !== 'formatted_name'));
  const birthday = card.child('birthday').optionalString();
  if (birthday !== undefined && !isCalendarDate(birthday)) {
    card.child('birthday').invalid(`must be a date in YYYY-MM-DD format (got '${birthday}')`);
  }
  const org = card.child('org');
  if (org.isPresent) {
    org.object(ORG_KEYS);
    optionalStrings(org, ORG_KEYS);
  }
  for (const [list, keys] of Object.entries(LIST_KEYS)) {
    for (const entry of card.child(list).optionalArray() ?? []) {
      entry.object(keys);
      optionalStrings(entry, keys);
    }
  }
}

function optionalStrings(field: Field, keys: readonly string[]): void {
  for (const key of keys) field.child(key).optionalString();
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}
