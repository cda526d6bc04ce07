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
  // Longest first: a secret inside another (a password inside the base64 of user:password) must not
  // cut the longer one into pieces that then escape its own replacement.
  const known = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4).sort((a, b) => b.length - a.length);
  return (text: string): string => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    out = out.replace(CREDENTIAL_PATTERNS[0], (_match, key: string) => `${key}=${REDACTED}`);
    out = out.replace(CREDENTIAL_PATTERNS[1], (_match, scheme: string) => `${scheme} ${REDACTED}`);
    return out;
  };
}
