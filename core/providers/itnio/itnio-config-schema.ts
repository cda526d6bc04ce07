import { z } from 'zod';
import { normalizePhoneNumber } from '../../rules/phone';
import { baseUrlField, checkCredentials, connectionFields, secretField } from '../config-fields';
import { DEFAULT_ITNIO_BASE_URL } from './itnio-config';

/** ITNIO's own limit for the business number (its -93 to -95): one digit fewer than WhatsApp's 15. */
const BUSINESS_PHONE_MAX_DIGITS = 14;

/** Digits with country code, read as everywhere else in core (what people paste around the digits is removed). */
const businessPhoneField = z.union([z.string(), z.number().int().nonnegative()]).transform((value, context) => {
  const phone = normalizePhoneNumber(String(value), BUSINESS_PHONE_MAX_DIGITS);
  if (phone.ok) return phone.digits;
  context.addIssue({ code: 'custom', message: phone.reason });
  return z.NEVER;
});

export const itnioConfigSchema = z
  .strictObject({
    provider: z.literal('itnio'),
    apiKey: secretField.optional(),
    apiSecret: secretField.optional(),
    transportAuthenticates: z.boolean().default(false),
    // ITNIO application ids are short codes of letters and digits ("DGziZf5u").
    appId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be the ITNIO application id: letters and digits like DGziZf5u' }),
    businessPhone: businessPhoneField,
    baseUrl: baseUrlField.default(DEFAULT_ITNIO_BASE_URL),
    ...connectionFields,
  })
  .superRefine((config, context) => checkCredentials(config, ['apiKey', 'apiSecret'], context));
