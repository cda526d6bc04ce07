import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { AUTHENTICATIONS, toAuthentication } from '../shared/provider';
import type { AuthenticationName } from '../shared/provider';

/**
 * Where a trigger's webhooks come from. Meta signs its webhooks with the app secret, also for
 * numbers reached through Maton (Maton forwards no webhooks: the Meta app sends them). An
 * On-Premises client posts unsigned flat payloads; ITNIO's callbacks are undocumented.
 */
export type WebhookSource = 'meta' | 'onprem' | 'itnio';

export const META_AUTHENTICATIONS = ['cloudApi', 'matonApi'] as const satisfies readonly AuthenticationName[];

export function sourceOf(authentication: AuthenticationName): WebhookSource {
  switch (AUTHENTICATIONS[authentication].provider) {
    case 'onprem':
      return 'onprem';
    case 'itnio':
      return 'itnio';
    default:
      return 'meta';
  }
}

export function triggerAuthentication(context: IHookFunctions | IWebhookFunctions): AuthenticationName {
  return toAuthentication(context.getNode(), context.getNodeParameter('authentication', 'cloudApi'));
}
