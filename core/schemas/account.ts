import { z } from 'zod';
import { addIssue, httpUrl } from '../validation/fields';

/** On-Premises: the status the client's gateway reports, per node in a multiconnect set-up. */
export const GATEWAY_STATUSES = ['connected', 'connecting', 'disconnected', 'uninitialized', 'unregistered'] as const;
export const AUTO_DOWNLOAD_KINDS = ['image', 'document', 'audio', 'video', 'voice', 'sticker'] as const;
export const MAX_CONCURRENT_WEBHOOK_REQUESTS = [6, 12, 18, 24] as const;

export const accountHealthInput = z.strictObject({});

export const accountHealth = z.object({
  /** True when every node but a standby (secondary master) is "connected": messages can be sent. */
  ready: z.boolean(),
  /** The worst status over all nodes (a single client has one). */
  gatewayStatus: z.string(),
  nodes: z.array(z.object({ node: z.string().nullable(), gatewayStatus: z.string(), role: z.string().nullable() })),
  apiStatus: z.string().nullable(),
  version: z.string().nullable(),
});

const digits = (min: number, max: number, what: string) =>
  z.string().regex(new RegExp(`^\\d{${min},${max}}$`), { error: `must be ${min === max ? min : `${min} to ${max}`} digits (${what})` });

export const registrationCodeInput = z.strictObject({
  /** Country calling code without +, e.g. "1". */
  countryCode: digits(1, 3, 'the country calling code without +'),
  /** The number without the country code. */
  phoneNumber: digits(4, 14, 'the number without its country code'),
  method: z.enum(['sms', 'voice']),
  /** The base64 certificate WhatsApp Manager shows once the display name is approved. */
  cert: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'must be the base64 certificate from WhatsApp Manager' }),
  /** The two-step verification PIN, when the number has one. */
  pin: digits(6, 6, 'the two-step verification PIN').optional(),
});

export const registrationCodeResult = z.object({
  /** code_sent: a code is on its way (verify it next); already_registered: nothing more to do. */
  status: z.enum(['code_sent', 'already_registered']),
  /** The display name in the certificate, when the client reports it. */
  verifiedName: z.string().nullable(),
});

export const registrationVerifyInput = z.strictObject({ code: digits(6, 6, 'the code received by SMS or voice call') });
export const registrationVerifyResult = z.object({ registered: z.literal(true) });

export const applicationSettingsInput = z.strictObject({});

export const applicationSettings = z.object({
  /** Where the client posts inbound messages and statuses; null when none is set. */
  webhookUrl: z.string().nullable(),
  /** The client's whole settings object, as it returned it. */
  settings: z.record(z.string(), z.unknown()),
});

export const applicationSettingsUpdateInput = z
  .strictObject({
    /** HTTPS URL that receives inbound messages and statuses (the client refuses plain http). */
    webhookUrl: httpUrl().refine((value) => value.startsWith('https://'), { error: 'must be an https URL' }).optional(),
    /** Which outgoing-message statuses are posted to the webhook (client v2.41.2 and later). */
    webhookStatuses: z.strictObject({ sent: z.boolean().optional(), delivered: z.boolean().optional(), read: z.boolean().optional() }).optional(),
    maxConcurrentWebhookRequests: z
      .union(MAX_CONCURRENT_WEBHOOK_REQUESTS.map((value) => z.literal(value)) as unknown as [z.ZodLiteral<6>, z.ZodLiteral<12>, z.ZodLiteral<18>, z.ZodLiteral<24>], {
        error: 'must be 6, 12, 18 or 24',
      })
      .optional(),
    /** Keep undelivered callbacks across restarts. */
    callbackPersist: z.boolean().optional(),
    /** Media kinds the client downloads by itself when they arrive. */
    autoDownload: z.array(z.enum(AUTO_DOWNLOAD_KINDS)).optional(),
    passThrough: z.boolean().optional(),
    callbackBackoffDelayMs: z.number().int().min(0).optional(),
    maxCallbackBackoffDelayMs: z.number().int().min(0).optional(),
  })
  .superRefine((input, ctx) => {
    if (Object.values(input).every((value) => value === undefined)) addIssue(ctx, 'give at least one setting to change');
  });

export const applicationSettingsUpdateResult = z.object({ updated: z.literal(true), fields: z.array(z.string()) });

export type AccountHealthInput = z.output<typeof accountHealthInput>;
export type AccountHealth = z.output<typeof accountHealth>;
export type RegistrationCodeInput = z.output<typeof registrationCodeInput>;
export type RegistrationCodeResult = z.output<typeof registrationCodeResult>;
export type RegistrationVerifyInput = z.output<typeof registrationVerifyInput>;
export type RegistrationVerifyResult = z.output<typeof registrationVerifyResult>;
export type ApplicationSettingsInput = z.output<typeof applicationSettingsInput>;
export type ApplicationSettings = z.output<typeof applicationSettings>;
export type ApplicationSettingsUpdateInput = z.output<typeof applicationSettingsUpdateInput>;
export type ApplicationSettingsUpdateResult = z.output<typeof applicationSettingsUpdateResult>;
