import type { ServerResponse } from 'node:http';
import type { JsonValue } from 'whatsapp-business-core';

export function writeJson(response: ServerResponse, status: number, body: JsonValue): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function writeBytes(response: ServerResponse, status: number, contentType: string, bytes: Buffer): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
  response.end(bytes);
}
