const REDACTED = '[redacted]';

/**
 * Removes the configured secrets (access token, app secret, verify token, MCP auth token) from
 * text. Core never puts a credential in a result or error; this is the second lock on the door,
 * applied to every tool result and audit line.
 */
export function createSecretScrubber(secrets: readonly (string | null | undefined)[]): (text: string) => string {
  const known = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6))].sort((a, b) => b.length - a.length);
  if (known.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
}
