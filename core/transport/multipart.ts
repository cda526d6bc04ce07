import { randomBytes } from 'node:crypto';

export type MultipartPart =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; data: Uint8Array };

/** Quotes and line breaks would end the header parameter early; percent-encode them. */
function headerSafe(value: string): string {
  return value.replace(/["\r\n]/g, (ch) => encodeURIComponent(ch));
}

/** multipart/form-data body, built as bytes so any Transport can send it unchanged. */
export function buildMultipart(parts: readonly MultipartPart[]): { body: Uint8Array; contentType: string } {
  const boundary = `----whatsapp-core-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${headerSafe(part.name)}"`;
    if ('data' in part) {
      head += `; filename="${headerSafe(part.filename)}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
      chunks.push(Buffer.from(head, 'utf8'), Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength), Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`${head}\r\n\r\n${part.value}\r\n`, 'utf8'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: new Uint8Array(Buffer.concat(chunks)), contentType: `multipart/form-data; boundary=${boundary}` };
}
