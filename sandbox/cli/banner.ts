import { itnioBannerLines } from '../flavors/itnio/banner';
import { matonBannerLines } from '../flavors/maton/banner';
import { onPremBannerLines } from '../flavors/onprem/banner';
import { redactUrl } from '../http/redact-url';
import type { RunningSandbox } from '../runtime/start-sandbox';
import { resolveOptions, type SandboxOptions } from '../runtime/options';
import { shellQuote } from './shell-quote';

/**
 * What the CLI prints once listening. The token is a local one the user chose; the app secret is
 * never shown. Each provider flavor prints its own base URL, credentials and curl examples.
 */
export function startupBanner(sandbox: RunningSandbox, options: SandboxOptions): string {
  const config = resolveOptions(options);
  const flavorLines =
    config.flavor === 'maton'
      ? matonBannerLines(sandbox.url, config)
      : config.flavor === 'onprem'
        ? onPremBannerLines(sandbox.url, config)
        : config.flavor === 'itnio'
          ? itnioBannerLines(sandbox.url, config)
          : null;
  if (flavorLines !== null) return [...flavorLines, '', 'Press Ctrl+C to stop.', ''].join('\n');
  return cloudBanner(sandbox, options);
}

function cloudBanner(sandbox: RunningSandbox, options: SandboxOptions): string {
  const webhooks =
    options.callbackUrl !== undefined && options.appSecret !== undefined
      ? `${redactUrl(options.callbackUrl)} (signed with the app secret)`
      : 'off (set --callback-url and --app-secret)';
  const customer = '15551234567';
  const inbound = JSON.stringify({ from: customer, name: 'Test Customer', text: 'Hi!' });
  const text = JSON.stringify({
    messaging_product: 'whatsapp',
    to: customer,
    type: 'text',
    text: { body: 'Hello from the sandbox' },
  });
  return [
    `WhatsApp Sandbox listening on ${sandbox.url}`,
    `  Graph API base    ${sandbox.url}/v23.0`,
    `  Access token      ${sandbox.token}`,
    `  Phone number id   ${sandbox.phoneNumberId}`,
    `  WABA id           ${sandbox.wabaId}`,
    `  Verify token      ${sandbox.verifyToken}`,
    `  App id            ${sandbox.appId} (app access token: ${sandbox.appId}|<app secret>)`,
    `  Webhooks          ${webhooks}`,
    ...(options.latencyMs !== undefined && options.latencyMs > 0 ? [`  Latency           ${options.latencyMs} ms per Graph API answer`] : []),
    `  24 h window       ${options.window === false ? 'not enforced' : 'enforced (the customer writes first)'}`,
    '',
    'Simulate the customer writing first (opens the 24 h window):',
    `  curl -s -X POST ${sandbox.url}/_sandbox/inbound -H 'Content-Type: application/json' -d ${shellQuote(inbound)}`,
    'Send them a text:',
    `  curl -s -X POST ${sandbox.url}/v23.0/${sandbox.phoneNumberId}/messages \\`,
    `    -H ${shellQuote(`Authorization: Bearer ${sandbox.token}`)} -H 'Content-Type: application/json' \\`,
    `    -d ${shellQuote(text)}`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
