import { z } from 'zod';
import { opaqueId } from '../validation/fields';

/** The Maton app name of WhatsApp Business connections. */
export const MATON_WHATSAPP_APP = 'whatsapp-business';

const appName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'must be a Maton app name such as "whatsapp-business"' });
const connectionId = opaqueId;

export const connectionListInput = z.strictObject({
  /** Only connections of this Maton app; default whatsapp-business. */
  app: appName.default(MATON_WHATSAPP_APP),
  /** Only connections in this state, e.g. ACTIVE (Maton's own states, upper case). */
  status: z.string().regex(/^[A-Z][A-Z_]{0,31}$/, { error: 'must be an upper-case Maton connection status such as ACTIVE' }).optional(),
});
export const connectionCreateInput = z.strictObject({ app: appName.default(MATON_WHATSAPP_APP) });
export const connectionIdInput = z.strictObject({ connectionId });

export const connection = z.object({
  connectionId: z.string(),
  /** ACTIVE once the OAuth flow is finished. */
  status: z.string(),
  app: z.string().nullable(),
  /** Open this URL in a browser to finish (or redo) the OAuth authorization. */
  url: z.string().nullable(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
});
export const connectionListResult = z.object({ connections: z.array(connection), count: z.number() });

export type ConnectionListInput = z.output<typeof connectionListInput>;
export type ConnectionCreateInput = z.output<typeof connectionCreateInput>;
export type ConnectionIdInput = z.output<typeof connectionIdInput>;
export type Connection = z.output<typeof connection>;
export type ConnectionListResult = z.output<typeof connectionListResult>;
