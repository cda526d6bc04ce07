import { redactUrl } from '../../http/redact-url';
import type { SandboxConfig } from '../../runtime/options';
import { FACTORY_PASSWORD } from './onprem-state';
import { shellQuote } from '../../cli/shell-quote';

/** The password the sandbox uses when none is given (runtime/options.ts). */
const DEFAULT_PASSWORD = 'sandbox-password';

/** 604800000 -> "7 days", 90000 -> "90 s", 200 -> "200 ms". */
function duration(ms: number): string {
  const day = 24 * 60 * 60 * 1000;
  if (ms >= day && ms % day === 0) return `${ms / day} day${ms === day ? '' : 's'}`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

/**
 * What the CLI prints for the onprem flavor once listening. A password the user chose is not
 * echoed (it may be a real one, reused); the sandbox's default is shown so the example runs as is.
 */
export function onPremBannerLines(url: string, config: SandboxConfig): string[] {
  const base = `${url}/v1`;
  const insecure = url.startsWith('https:') ? ' -k' : '';
  const shownPassword = config.password === DEFAULT_PASSWORD ? config.password : '<your --password>';
  const passwordNote =
    config.password === DEFAULT_PASSWORD
      ? `${DEFAULT_PASSWORD} (the default; set --password)`
      : config.password === FACTORY_PASSWORD
        ? 'the factory password: the first login must send {"new_password": ...} (else error 1024)'
        : 'as given with --password (not shown)';
  const webhooks =
    config.callbackUrl === null
      ? 'off until PATCH /v1/settings/application sets webhooks.url (or start with --callback-url)'
      : `${redactUrl(config.callbackUrl)} (until webhooks.url is changed), flat and unsigned`;
  return [
    `WhatsApp On-Premises API sandbox listening on ${url}`,
    `  API base          ${base}`,
    `  Username          ${config.username}`,
    `  Password          ${passwordNote}`,
    `  Login tokens      valid ${duration(config.loginTtlMs)}`,
    `  Start-up          ${config.startupDelayMs > 0 ? `"connecting" (errors 1011) for ${duration(config.startupDelayMs)} after start` : 'ready at once'}`,
    `  Webhooks          ${webhooks}`,
    `  Registration      registered as +${config.displayPhoneNumber}; codes for other numbers are printed in the log`,
    `  24 h window       ${config.window ? 'enforced (the customer writes first; else status failed, 470)' : 'not enforced'}`,
    '',
    'Log in (the token goes into Authorization: Bearer <token>):',
    `  curl -s${insecure} -X POST ${base}/users/login -u ${shellQuote(`${config.username}:${shownPassword}`)}`,
    'Check the client is ready:',
    `  curl -s${insecure} ${base}/health -H 'Authorization: Bearer <token>'`,
  ];
}
