/**
 * The request target as a URL. The target is always taken as a path (`//host/x` is the path
 * `//host/x`, not another host), so no request line makes this throw.
 */
export function requestUrl(target: string | undefined): URL {
  const raw = target ?? '/';
  return new URL(`http://sandbox.invalid${raw.startsWith('/') ? '' : '/'}${raw}`);
}

/** A path segment decoded, or null when its percent-encoding is malformed (`%E0%A4%A`). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
