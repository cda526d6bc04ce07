/** Hosts Meta serves media from (lookaside.fbsbx.com today); the token may be sent to them. */
const META_MEDIA_DOMAINS = ['fbsbx.com', 'facebook.com', 'fbcdn.net', 'whatsapp.net'];

function isUnder(hostname: string, domain: string): boolean {
  return hostname === domain || hostname.endsWith(`.${domain}`);
}

/**
 * Media URLs come from the API's answers. The credentials go to the provider's own origin or, over
 * HTTPS, to Meta's media domains and hosts the operator listed; never to any other host.
 */
export function trustedMediaHosts(baseUrl: string, extraHosts: readonly string[]): (url: URL) => boolean {
  const base = new URL(baseUrl);
  return (url) =>
    url.origin === base.origin ||
    (url.protocol === 'https:' && [...META_MEDIA_DOMAINS, ...extraHosts].some((domain) => isUnder(url.hostname, domain)));
}
