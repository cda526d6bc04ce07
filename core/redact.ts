const REDACTED = '[redacted]';

/** Credentials in query strings or auth headers, should a server echo them back. */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /(access_token|client_secret|appsecret_proof|api_key|apikey|password)=([^&\s"']+)/gi,
  /(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g,
];

/**
 * Returns a function that removes the given secrets (and anything that looks like a credential)
 * from text. Everything a provider turns into an error message passes through it.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const known = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4);
  return (text: string): string => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    out = out.replace(CREDENTIAL_PATTERNS[0], (_match, key: string) => `${key}=${REDACTED}`);
    out = out.replace(CREDENTIAL_PATTERNS[1], (_match, scheme: string) => `${scheme} ${REDACTED}`);
    return out;
  };
}
