import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../../runtime/context';
import { matonState } from './maton-state';

function page(response: ServerResponse, status: number, text: string): void {
  const html = `<!doctype html><html><head><title>Maton sandbox</title></head><body><p>${text}</p></body></html>`;
  response.writeHead(status, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': Buffer.byteLength(html) });
  response.end(html);
}

/**
 * Stands in for Maton's OAuth page: opening a connection's url (GET) completes the authorization,
 * and the PENDING connection becomes ACTIVE. Like the real page it needs no API key.
 */
export function serveAuthorizePage(ctx: SandboxContext, request: IncomingMessage, response: ServerResponse, url: URL): void {
  request.resume();
  if (request.method !== 'GET') {
    response.setHeader('Allow', 'GET');
    page(response, 405, 'Open this page with GET (in a browser).');
    return;
  }
  const connection = matonState(ctx).connections.get(url.searchParams.get('connection') ?? '');
  if (connection === undefined) {
    page(response, 404, 'Unknown or deleted connection.');
    return;
  }
  if (connection.status !== 'ACTIVE') {
    connection.status = 'ACTIVE';
    connection.updatedAt = ctx.now();
  }
  page(response, 200, `Connection ${connection.connectionId} (${connection.app}) is authorized. You can close this window.`);
}
