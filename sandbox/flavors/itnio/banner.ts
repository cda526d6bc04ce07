import type { SandboxConfig } from '../../runtime/options';
import { shellQuote } from '../../cli/shell-quote';

/**
 * What the CLI prints for `--flavor itnio`: the base URL, the key and app to use, and how requests
 * are signed. The key is the local one the user chose; the secret is never shown.
 */
export function itnioBannerLines(url: string, config: SandboxConfig): string[] {
  const businessPhone = config.displayPhoneNumber.replace(/\D/g, '');
  const text = JSON.stringify({
    appId: config.appId,
    businessPhone,
    recipient: '15551234567',
    channelType: 0,
    type: 'text',
    text: { body: 'Hello from the ITNIO sandbox' },
  });
  return [
    `WhatsApp Sandbox (ITNIO flavor) listening on ${url}`,
    `  ITNIO API base    ${url}  (ITNIO_BASE_URL=${url}; POST /wa/custom/sendMsg, /wa/template/sendMsg, /wa/template/add)`,
    `  Api-Key           ${config.apiKey}`,
    '  API secret        set (--api-secret; not shown)',
    `  appId             ${config.appId}`,
    `  Business phone    ${businessPhone}`,
    `  Signing           headers Api-Key, Timestamp (Unix seconds, within ${config.timestampToleranceS} s of this machine's clock, else status -16)`,
    '                    and Sign = md5(Api-Key + API secret + Timestamp) in hex (a wrong key or Sign: status -1)',
    `  24 h window       ${config.window ? 'enforced: custom messages need the customer to write first (else status -131047)' : 'not enforced'}`,
    '',
    'Simulate the customer writing first (opens the 24 h window):',
    `  curl -s -X POST ${url}/_sandbox/inbound -H 'Content-Type: application/json' -d ${shellQuote(JSON.stringify({ from: '15551234567', text: 'Hi!' }))}`,
    'Send them a text (fill in the secret):',
    `  TS=$(date +%s); SIGN=$(printf '%s' "${config.apiKey}<secret>$TS" | md5sum | cut -d' ' -f1)`,
    `  curl -s -X POST ${url}/wa/custom/sendMsg -H 'Content-Type: application/json;charset=UTF-8' \\`,
    `    -H ${shellQuote(`Api-Key: ${config.apiKey}`)} -H "Timestamp: $TS" -H "Sign: $SIGN" -d ${shellQuote(text)}`,
  ];
}
