import { z } from 'zod';
import { LIMITS } from '../../rules/limits';
import { addIssue, countedArray, httpUrl, nonEmptyText } from '../../validation/fields';

const name = z
  .strictObject({
    formattedName: nonEmptyText,
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    middleName: z.string().optional(),
    suffix: z.string().optional(),
    prefix: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    // Meta requires formatted_name plus at least one of the structured name parts.
    const parts = [value.firstName, value.lastName, value.middleName, value.suffix, value.prefix];
    if (!parts.some((part) => part !== undefined && part.trim() !== '')) {
      addIssue(ctx, 'needs at least one of firstName, lastName, middleName, suffix, prefix besides formattedName');
    }
  });

const address = z.strictObject({
  street: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  zip: z.string().optional(),
  country: z.string().optional(),
  countryCode: z.string().optional(),
  type: z.string().optional(),
});

const email = z.strictObject({
  email: z.email({ error: 'must be an email address' }),
  type: z.string().optional(),
});

const phone = z.strictObject({
  phone: nonEmptyText,
  type: z.string().optional(),
  waId: z.string().regex(/^\d{7,15}$/, { error: 'must be 7-15 digits (a WhatsApp id)' }).optional(),
});

const url = z.strictObject({ url: httpUrl(), type: z.string().optional() });

const org = z.strictObject({
  company: z.string().optional(),
  department: z.string().optional(),
  title: z.string().optional(),
});

export const contactCard = z.strictObject({
  name,
  addresses: z.array(address).optional(),
  birthday: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' })
    .optional(),
  emails: z.array(email).optional(),
  org: org.optional(),
  phones: z.array(phone).optional(),
  urls: z.array(url).optional(),
});

export const contactCards = countedArray(contactCard, LIMITS.contacts.min, LIMITS.contacts.max, 'contact card', 'contact cards');
export type ContactCard = z.output<typeof contactCard>;
