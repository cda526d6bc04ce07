/**
 * A URL as it may appear in logs: without user info, query or fragment, which is where callback
 * URLs tend to carry credentials.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hidden = parsed.username !== '' || parsed.password !== '' || parsed.search !== '' || parsed.hash !== '';
    return `${parsed.origin}${parsed.pathname}${hidden ? ' (credentials/query hidden)' : ''}`;
  } catch {
    return '(unparseable URL)';
  }
}
