import type { IncomingMessage } from 'node:http';
import { hasBody } from '../http/read-body';
import type { SandboxConfig } from '../runtime/options';

export interface ControlRefusal {
  status: number;
  message: string;
}

/** Any port: the sandbox's own port is the usual one, but a proxy or port mapping may change it. */
function hostnameOf(hostHeader: string): string | null {
  const value = hostHeader.trim().toLowerCase();
  if (value === '') return null;
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    return close < 0 ? null : value.slice(0, close + 1);
  }
  const colon = value.indexOf(':');
  return colon < 0 ? value : value.slice(0, colon);
}

function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Loopback names, the address the sandbox listens on (unless a wildcard) and the `publicHost` option. */
export function isControlHost(config: SandboxConfig, hostname: string): boolean {
  if (isLoopback(hostname)) return true;
  const own = hostnameOf(config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host);
  if (own !== null && own !== '0.0.0.0' && own !== '[::]' && hostname === own) return true;
  return config.publicHost !== null && hostname === config.publicHost;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isJsonContentType(contentType: string): boolean {
  const mediaType = contentType.split(';', 1)[0].trim().toLowerCase();
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

/**
 * The control API has no token, so it must not be reachable from a web page the user happens to
 * open: a page can POST `text/plain` (or no body at all) to any address without a CORS preflight,
 * and DNS rebinding lets it read answers under its own host name. So the Host must name this
 * machine (or the configured public host), an Origin (which browsers send on every cross-site
 * POST) must name it too, and a body must be declared JSON (which a page cannot send cross-site
 * without a preflight the sandbox never grants). Checked before any byte of the body is read.
 */
export function controlRequestRefusal(config: SandboxConfig, request: IncomingMessage): ControlRefusal | null {
  const hostHeader = header(request, 'host');
  const hostname = hostHeader === undefined ? null : hostnameOf(hostHeader);
  if (hostname === null || !isControlHost(config, hostname)) {
    return {
      status: 403,
      message: `Host: the control API answers only requests addressed to this machine (localhost, 127.0.0.1, [::1]${config.publicHost === null ? '' : `, ${config.publicHost}`}); start the sandbox with --public-host <name> to allow another name`,
    };
  }
  const origin = header(request, 'origin');
  if (origin !== undefined) {
    let originHost: string | null = null;
    try {
      originHost = hostnameOf(new URL(origin).host);
    } catch {
      originHost = null;
    }
    if (originHost === null || !isControlHost(config, originHost)) {
      return { status: 403, message: 'Origin: the control API refuses requests made by web pages of other sites' };
    }
  }
  if (hasBody(request)) {
    const contentType = header(request, 'content-type');
    if (contentType === undefined || !isJsonContentType(contentType)) {
      return { status: 415, message: `Content-Type: must be application/json (got ${contentType === undefined ? 'none' : `'${contentType.slice(0, 100)}'`})` };
    }
  }
  return null;
}
