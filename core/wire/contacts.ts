import { compact } from '../json';
import type { JsonObject } from '../json';
import type { ContactCard } from '../schemas/message/contacts';

export function contactCardToWire(card: ContactCard): JsonObject {
  return compact({
    name: compact({
      formatted_name: card.name.formattedName,
      first_name: card.name.firstName,
      last_name: card.name.lastName,
      middle_name: card.name.middleName,
      suffix: card.name.suffix,
      prefix: card.name.prefix,
    }),
    addresses: card.addresses?.map((a) =>
      compact({ street: a.street, city: a.city, state: a.state, zip: a.zip, country: a.country, country_code: a.countryCode, type: a.type }),
    ),
    birthday: card.birthday,
    emails: card.emails?.map((e) => compact({ email: e.email, type: e.type })),
    org: card.org && compact({ company: card.org.company, department: card.org.department, title: card.org.title }),
    phones: card.phones?.map((p) => compact({ phone: p.phone, type: p.type, wa_id: p.waId })),
    urls: card.urls?.map((u) => compact({ url: u.url, type: u.type })),
  });
}
