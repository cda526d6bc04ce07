import { z } from 'zod';
import type { Clock } from '../../runtime/clock';
import type { Transport } from '../../transport/transport';
import { DEFAULT_USER_AGENT } from '../graph/graph-client';
import { baseUrlField, retryField, secretField } from '../config-fields';
import { DEFAULT_ITNIO_BASE_URL } from './itnio-config';

/** ITNIO's own limits for the business number (its -93, -94, -95). */
const BUSINESS_PHONE_DIGITS = { min: 7, max: 14 } as const;

/**
 * Digits with country code. Spaces, dashes, parentheses and a leading + are what people paste
 * and carry no meaning, so they are removed; anything else must already be digits.
 */
const businessPhoneField = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((value) => String(value).trim().replace(/[\s\-().]/g, '').replace(/^\+/, ''))
  .refine((value) => /^\d*$/.test(value), { error: 'must contain only digits (country code and number, no +)' })
  .refine((value) => value.length >= BUSINESS_PHONE_DIGITS.min && value.length <= BUSINESS_PHONE_DIGITS.max, {
    error: `must have ${BUSINESS_PHONE_DIGITS.min}-${BUSINESS_PHONE_DIGITS.max} digits including the country code`,
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
    retry: retryField,
    requestTimeoutMs: z.number().int().positive().optional(),
    userAgent: z.string().min(1).default(DEFAULT_USER_AGENT),
    transport: z.custom<Transport>((value) => typeof (value as Transport | undefined)?.request === 'function', { error: 'must have a request() method' }).optional(),
    clock: z.custom<Clock>((value) => typeof (value as Clock | undefined)?.sleep === 'function', { error: 'must have now(), sleep() and random()' }).optional(),
  })
  .superRefine((config, context) => {
    for (const field of ['apiKey', 'apiSecret'] as const) {
      if (config.transportAuthenticates && config[field] !== undefined) {
        context.addIssue({ code: 'custom', path: [field], message: 'must be left out when transportAuthenticates is true' });
      }
      if (!config.transportAuthenticates && config[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: 'required' });
    }
    if (config.transportAuthenticates && config.transport === undefined) {
      context.addIssue({ code: 'custom', path: ['transport'], message: 'required when transportAuthenticates is true' });
    }
  });
