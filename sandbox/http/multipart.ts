/**
 * A multipart/form-data parser (RFC 7578) for the media upload route. Parts are located by
 * searching for the delimiter bytes, so binary content and CRLF sequences inside files are kept intact.
 */
export interface MultipartPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

export class MultipartError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary from a Content-Type header, unquoting `boundary="..."`; null when absent. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (contentType === undefined) return null;
  const [mediaType, ...params] = splitHeaderParams(contentType);
  if (mediaType.toLowerCase() !== 'multipart/form-data') return null;
  const boundary = params.find((param) => param.name === 'boundary');
  return boundary && boundary.value.length > 0 ? boundary.value : null;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  // The first delimiter may sit at the very start (no preceding CRLF) or after a preamble.
  let position = body.subarray(0, delimiter.length).equals(delimiter)
    ? 0
    : indexOrFail(body, Buffer.concat([CRLF, delimiter]), 0) + CRLF.length;
  const separator = Buffer.concat([CRLF, delimiter]);
  const parts: MultipartPart[] = [];
  for (;;) {
    const afterDelimiter = position + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString('latin1') === '--') return parts;
    if (!body.subarray(afterDelimiter, afterDelimiter + 2).equals(CRLF)) {
      throw new MultipartError('malformed multipart body: a boundary line is not followed by CRLF');
    }
    const headersStart = afterDelimiter + CRLF.length;
    const headersEnd = indexOrFail(body, HEADER_END, headersStart);
    const contentEnd = indexOrFail(body, separator, headersEnd + HEADER_END.length);
    const headers = parsePartHeaders(body.subarray(headersStart, headersEnd).toString('utf8'));
    parts.push({ ...headers, data: body.subarray(headersEnd + HEADER_END.length, contentEnd) });
    position = contentEnd + CRLF.length;
  }
}

function indexOrFail(body: Buffer, needle: Buffer, from: number): number {
  const index = body.indexOf(needle, from);
  if (index < 0) throw new MultipartError('malformed multipart body: missing boundary or header terminator');
  return index;
}

function parsePartHeaders(block: string): Omit<MultipartPart, 'data'> {
  let name: string | null = null;
  let filename: string | null = null;
  let contentType: string | null = null;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === 'content-type') contentType = value;
    if (header !== 'content-disposition') continue;
    const [, ...params] = splitHeaderParams(value);
    for (const param of params) {
      if (param.name === 'name') name = param.value;
      if (param.name === 'filename' && filename === null) filename = param.value;
      if (param.name === 'filename*') filename = decodeExtendedValue(param.value);
    }
  }
  if (name === null) throw new MultipartError('malformed multipart body: a part has no Content-Disposition name');
  return { name, filename, contentType };
}

interface HeaderParam {
  name: string;
  value: string;
}

/**
 * Splits `type; a=1; b="x;y"` into the leading token and its parameters, honouring quoted strings
 * (a quoted boundary or filename may contain `;`).
 */
function splitHeaderParams(header: string): [string, ...HeaderParam[]] {
  const segments: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i += 1) {
    const char = header[i];
    if (char === '"') quoted = !quoted;
    if (char === '\\' && quoted && i + 1 < header.length) {
      current += char + header[i + 1];
      i += 1;
      continue;
    }
    if (char === ';' && !quoted) {
      segments.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  segments.push(current);
  const [first, ...rest] = segments.map((segment) => segment.trim());
  const params = rest.filter((segment) => segment.includes('=')).map((segment) => {
    const equals = segment.indexOf('=');
    return { name: segment.slice(0, equals).trim().toLowerCase(), value: unquote(segment.slice(equals + 1).trim()) };
  });
  return [first, ...params];
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}

/** RFC 5987 `UTF-8''na%C3%AFve.pdf`. */
function decodeExtendedValue(value: string): string {
  const match = /^[^']*'[^']*'(.*)$/.exec(value);
  if (match === null) return value;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
