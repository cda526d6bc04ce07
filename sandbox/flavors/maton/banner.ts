import type { SandboxConfig } from '../../runtime/options';
import { CONNECTIONS_PATH } from './connection-routes';
import { GATEWAY_PREFIX } from './gateway';
import { shellQuote } from '../../cli/shell-quote';

/**
 * What the CLI prints for `--flavor maton`: where the gateway and the connection API are, the key
 * and connection to use, and a request to copy. The key is the local one the user chose.
 */
export function matonBannerLines(url: string, config: SandboxConfig): string[] {
  const gateway = `${url}${GATEWAY_PREFIX}/v23.0`;
  const rate = config.gatewayRps === 0 ? 'unlimited' : `${config.gatewayRps} requests/s per API key (429 with Retry-After above)`;
  const text = JSON.stringify({ messaging_product: 'whatsapp', to: '15551234567', type: 'text', text: { body: 'Hello through the Maton sandbox' } });
  const auth = `-H ${shellQuote(`Authorization: Bearer ${config.token}`)}`;
  return [
    `WhatsApp Sandbox (Maton gateway flavor) listening on ${url}`,
    `  Gateway base      ${gateway}  (MATON_GATEWAY_URL=${url})`,
    `  Connection API    ${url}${CONNECTIONS_PATH}  (MATON_CONTROL_URL=${url})`,
    `  Maton API key     ${config.token}`,
    `  Connection id     ${config.connectionId} (ACTIVE; sent as Maton-Connection, optional)`,
    `  Phone number id   ${config.phoneNumberId}`,
    `  WABA id           ${config.wabaId}`,
    `  Rate limit        ${rate}`,
    '',
    'Send a text through the gateway (the customer must have written first: POST /_sandbox/inbound):',
    `  curl -s -X POST ${gateway}/${config.phoneNumberId}/messages \\`,
    `    ${auth} -H ${shellQuote(`Maton-Connection: ${config.connectionId}`)} \\`,
    `    -H 'Content-Type: application/json' -d ${shellQuote(text)}`,
    'List connections, or create one (open the url it returns to authorize it):',
    `  curl -s ${url}${CONNECTIONS_PATH}?app=whatsapp-business ${auth}`,
    `  curl -s -X POST ${url}${CONNECTIONS_PATH} ${auth} -H 'Content-Type: application/json' -d '{"app":"whatsapp-business"}'`,
  ];
}
