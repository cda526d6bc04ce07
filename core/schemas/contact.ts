import { z } from 'zod';
import { countedArray, nonEmptyText } from '../validation/fields';

/** On-Premises checks contacts in batches; larger lists are refused rather than split silently. */
export const MAX_CONTACTS_PER_CHECK = 1000;

export const contactCheckInput = z.strictObject({
  /** Phone numbers in any common format ("+1 (516) 283-7151", "6315551003"). */
  contacts: countedArray(nonEmptyText, 1, MAX_CONTACTS_PER_CHECK, 'contact', 'contacts'),
  /** wait: answer once every number is resolved; no_wait: answer at once, unresolved ones as "processing". */
  blocking: z.enum(['wait', 'no_wait']).default('wait'),
});

export const contactCheckResult = z.object({
  contacts: z.array(
    z.object({
      input: z.string(),
      /** valid: on WhatsApp (use waId to send); invalid: not on WhatsApp; processing: not resolved yet. */
      status: z.string(),
      waId: z.string().nullable(),
    }),
  ),
});

export type ContactCheckInput = z.output<typeof contactCheckInput>;
export type ContactCheckResult = z.output<typeof contactCheckResult>;
