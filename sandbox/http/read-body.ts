import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/**
 * Buffers the whole request body. Past the limit the rest is drained (not stored) so the client
 * still receives a proper error response instead of a reset connection.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) overflow = true;
      if (!overflow) chunks.push(chunk);
    });
    request.on('end', () => {
      if (overflow) reject(new BodyTooLargeError(limit));
      else resolve(Buffer.concat(chunks, size));
    });
    request.on('error', reject);
  });
}
