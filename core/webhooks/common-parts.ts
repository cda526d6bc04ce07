import { hintForMetaCode } from '../errors/meta-error-codes';
import type { WebhookContactCard, WebhookErrorDetail } from './event';
import { num, obj, objects, str } from '../json-read';
import type { Json } from '../json-read';

/**
 * Cloud errors carry their details in `error_data.details`; On-Premises errors carry `details` itself.
 * Each gets the same recovery hint a failed API call gets for its code: a send to a closed 24 h
 * window is accepted and fails later, so this failed status is where the user learns what to do.
 */
export function toErrorDetails(value: unknown): WebhookErrorDetail[] {
  return objects(value).map((error) => {
    const code = num(error.code);
    return {
      code,
      title: str(error.title),
      message: str(error.message),
      details: str(obj(error.error_data)?.details) ?? str(error.details),
      href: str(error.href),
      hint: hintForMetaCode(code),
    };
  });
}

export function toContactCard(card: Json): WebhookContactCard {
  const name = obj(card.name) ?? {};
  const org = obj(card.org);
  return {
    name: { formattedName: str(name.formatted_name), firstName: str(name.first_name), lastName: str(name.last_name) },
    phones: objects(card.phones).map((p) => ({ phone: str(p.phone), waId: str(p.wa_id), type: str(p.type) })),
    emails: objects(card.emails).map((e) => ({ email: str(e.email), type: str(e.type) })),
    org: org === null ? null : { company: str(org.company), department: str(org.department), title: str(org.title) },
    urls: objects(card.urls).map((u) => ({ url: str(u.url), type: str(u.type) })),
    birthday: str(card.birthday),
    raw: card,
  };
}
