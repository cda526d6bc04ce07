import { createHmac } from 'node:crypto';
import { WhatsAppConfigError, escapeUnicode, signWebhookPayload, verifyWebhookSignature } from 'whatsapp-business-core';

const SECRET = 'a3f1c9e07b5d4e2f8a6b1c0d9e8f7a6b';
const OTHER_SECRET = 'a3f1c9e07b5d4e2f8a6b1c0d9e8f7a6c';

/** Expected signatures are computed here with node:crypto, independently of the code under test. */
function hmacHex(data: string | Uint8Array, secret = SECRET, algorithm = 'sha256'): string {
  return createHmac(algorithm, secret).update(data).digest('hex');
}
function sigHeader(data: string | Uint8Array, secret = SECRET): string {
  return `sha256=${hmacHex(data, secret)}`;
}

/**
 * Meta's documented escaping, written out independently: every UTF-16 code unit above ASCII becomes
 * \uXXXX with lowercase hex ("äöå" -> "\u00e4\u00f6\u00e5").
 */
function metaEscape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    out += unit > 0x7f ? `\\u${unit.toString(16).padStart(4, '0')}` : text[i];
  }
  return out;
}

/** Flips one hex digit of a `sha256=<hex>` header at the given position of the hex part. */
function flipHexDigit(header: string, index: number): string {
  const hex = header.slice('sha256='.length);
  const digit = hex[index];
  const flipped = digit === '0' ? '1' : '0';
  return `sha256=${hex.slice(0, index)}${flipped}${hex.slice(index + 1)}`;
}

const BODY = JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            messages: [{ from: '16505551234', id: 'wamid.ABC', timestamp: '1749416383', type: 'text', text: { body: 'Hi @shop, 50% off?' } }],
          },
        },
      ],
    },
  ],
});
const BODY_BYTES = Buffer.from(BODY, 'utf8');
const VALID = sigHeader(BODY_BYTES);
const META_ESCAPED_SAMPLE = '{"name":"G\\u00f3mez"}';

describe('verifyWebhookSignature: valid signatures', () => {
  it('accepts the HMAC-SHA256 of the raw bytes given as a Buffer', () => {
    expect(verifyWebhookSignature(BODY_BYTES, VALID, SECRET)).toBe(true);
  });

  it('accepts the same body given as the undecoded string', () => {
    expect(verifyWebhookSignature(BODY, VALID, SECRET)).toBe(true);
  });

  it('accepts a plain Uint8Array (not a Buffer)', () => {
    const bytes = new TextEncoder().encode(BODY);
    expect(Buffer.isBuffer(bytes)).toBe(false);
    expect(verifyWebhookSignature(bytes, VALID, SECRET)).toBe(true);
  });

  it('reads only the view of a Uint8Array that sits inside a larger buffer', () => {
    const padded = new Uint8Array(BODY_BYTES.length + 16);
    padded.fill(0x41);
    padded.set(BODY_BYTES, 8);
    const view = padded.subarray(8, 8 + BODY_BYTES.length);
    expect(view.byteOffset).toBe(8);
    expect(verifyWebhookSignature(view, VALID, SECRET)).toBe(true);
  });

  it('accepts upper-case hex digits', () => {
    const upper = `sha256=${hmacHex(BODY_BYTES).toUpperCase()}`;
    expect(upper).not.toBe(VALID);
    expect(verifyWebhookSignature(BODY_BYTES, upper, SECRET)).toBe(true);
  });

  it('accepts the header as an array (first value used)', () => {
    expect(verifyWebhookSignature(BODY_BYTES, [VALID], SECRET)).toBe(true);
    expect(verifyWebhookSignature(BODY_BYTES, [VALID, 'sha256=00'], SECRET)).toBe(true);
  });

  it('rejects an empty header array', () => {
    expect(verifyWebhookSignature(BODY_BYTES, [], SECRET)).toBe(false);
  });
});

describe('verifyWebhookSignature: tampering', () => {
  it('rejects a body with one byte changed', () => {
    for (const index of [0, Math.floor(BODY_BYTES.length / 2), BODY_BYTES.length - 1]) {
      const tampered = Buffer.from(BODY_BYTES);
      tampered[index] ^= 0x01;
      expect(verifyWebhookSignature(tampered, VALID, SECRET)).toBe(false);
      expect(verifyWebhookSignature(tampered.toString('utf8'), VALID, SECRET)).toBe(false);
    }
  });

  it('rejects a re-serialized body that differs from the raw bytes', () => {
    const reserialized = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(reserialized).not.toBe(BODY);
    expect(verifyWebhookSignature(reserialized, VALID, SECRET)).toBe(false);
  });

  it('rejects a signature with one hex digit changed (first, middle, last)', () => {
    for (const index of [0, 31, 63]) {
      const tampered = flipHexDigit(VALID, index);
      expect(tampered).not.toBe(VALID);
      expect(verifyWebhookSignature(BODY_BYTES, tampered, SECRET)).toBe(false);
    }
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyWebhookSignature(BODY_BYTES, sigHeader(BODY_BYTES, OTHER_SECRET), SECRET)).toBe(false);
    expect(verifyWebhookSignature(BODY_BYTES, VALID, OTHER_SECRET)).toBe(false);
  });

  it('rejects an empty body signed for a non-empty one, and accepts the empty body with its own signature', () => {
    expect(verifyWebhookSignature('', VALID, SECRET)).toBe(false);
    expect(verifyWebhookSignature('', sigHeader(''), SECRET)).toBe(true);
  });
});

describe('verifyWebhookSignature: missing or malformed header', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['empty string', ''],
  ])('returns false for a missing header (%s)', (_label, header) => {
    expect(verifyWebhookSignature(BODY_BYTES, header, SECRET)).toBe(false);
  });

  const hex = hmacHex(BODY_BYTES);
  it.each([
    ['no sha256= prefix', hex],
    ['sha1= with a real HMAC-SHA1', `sha1=${hmacHex(BODY_BYTES, SECRET, 'sha1')}`],
    ['sha1= with the sha256 hex', `sha1=${hex}`],
    ['prefix only', 'sha256='],
    ['one hex digit short', `sha256=${hex.slice(0, 63)}`],
    ['one hex digit too many', `sha256=${hex}0`],
    ['half length', `sha256=${hex.slice(0, 32)}`],
    ['double length (sha512 size)', `sha256=${hex}${hex}`],
    ['non-hex characters', `sha256=${'g'.repeat(64)}`],
    ['non-hex character in a valid signature', `sha256=${hex.slice(0, 10)}z${hex.slice(11)}`],
    ['base64 instead of hex', `sha256=${createHmac('sha256', SECRET).update(BODY_BYTES).digest('base64')}`],
    ['two signatures joined', `${VALID},${VALID}`],
  ])('returns false for a malformed header (%s)', (_label, header) => {
    expect(verifyWebhookSignature(BODY_BYTES, header, SECRET)).toBe(false);
  });

  it.each([
    ['4 hex digits', 'sha256=abcd'],
    ['63 hex digits', `sha256=${'a'.repeat(63)}`],
    ['65 hex digits', `sha256=${'a'.repeat(65)}`],
    ['128 hex digits', `sha256=${'a'.repeat(128)}`],
    ['32 hex digits', `sha256=${'a'.repeat(32)}`],
  ])('does not throw for a signature of the wrong length (%s), it returns false', (_label, header) => {
    let result: boolean | undefined;
    expect(() => {
      result = verifyWebhookSignature(BODY_BYTES, header, SECRET);
    }).not.toThrow();
    expect(result).toBe(false);
    expect(() => verifyWebhookSignature(BODY_BYTES, [header], SECRET)).not.toThrow();
    expect(verifyWebhookSignature(BODY_BYTES, [header], SECRET)).toBe(false);
  });
});

describe('verifyWebhookSignature: non-ASCII bodies and the escaped-unicode rule', () => {
  const NAME = 'Lucía 👍';
  // What a UTF-8 JSON serializer sends: raw non-ASCII characters.
  const RAW_UTF8 = `{"entry":[{"changes":[{"value":{"contacts":[{"profile":{"name":"${NAME}"}}]}}]}]}`;
  // What Meta sends and signs: the same JSON with non-ASCII as \uXXXX escapes, lowercase hex.
  const META_ESCAPED = '{"entry":[{"changes":[{"value":{"contacts":[{"profile":{"name":"Luc\\u00eda \\ud83d\\udc4d"}}]}}]}]}';

  it('the fixture is what Meta documents: one escape per UTF-16 code unit, lowercase hex', () => {
    expect(metaEscape(RAW_UTF8)).toBe(META_ESCAPED);
    expect(JSON.parse(META_ESCAPED)).toEqual(JSON.parse(RAW_UTF8));
    expect(Buffer.from(META_ESCAPED, 'utf8').every((byte) => byte <= 0x7f)).toBe(true);
  });

  it("(a) Meta's form: verifies a body whose bytes contain \\u00e4-style escapes, signed over those bytes", () => {
    const bytes = Buffer.from(META_ESCAPED, 'utf8');
    const header = sigHeader(bytes);
    expect(verifyWebhookSignature(bytes, header, SECRET)).toBe(true);
    expect(verifyWebhookSignature(META_ESCAPED, header, SECRET)).toBe(true);
  });

  it("(a) Meta's documented example äöå -> \\u00e4\\u00f6\\u00e5", () => {
    const body = '{"text":"\\u00e4\\u00f6\\u00e5"}';
    expect(metaEscape('{"text":"äöå"}')).toBe(body);
    const header = sigHeader(body);
    expect(verifyWebhookSignature(body, header, SECRET)).toBe(true);
    // The same payload re-encoded as raw UTF-8 by an intermediary still matches Meta's signature.
    expect(verifyWebhookSignature('{"text":"äöå"}', header, SECRET)).toBe(true);
  });

  it('(b) verifies a raw UTF-8 body whose signature was computed over the escaped-unicode form', () => {
    const header = sigHeader(Buffer.from(META_ESCAPED, 'utf8'));
    // Sanity: the signature is not the HMAC of the raw UTF-8 bytes.
    expect(header).not.toBe(sigHeader(Buffer.from(RAW_UTF8, 'utf8')));
    expect(verifyWebhookSignature(Buffer.from(RAW_UTF8, 'utf8'), header, SECRET)).toBe(true);
    expect(verifyWebhookSignature(RAW_UTF8, header, SECRET)).toBe(true);
    expect(verifyWebhookSignature(new TextEncoder().encode(RAW_UTF8), header, SECRET)).toBe(true);
  });

  it('(b) the escaped form uses lowercase hex; an upper-case-escaped signature does not match', () => {
    const upperEscaped = META_ESCAPED.replace(/\\u([0-9a-f]{4})/g, (_m, hex: string) => `\\u${hex.toUpperCase()}`);
    expect(upperEscaped).not.toBe(META_ESCAPED);
    expect(verifyWebhookSignature(RAW_UTF8, sigHeader(upperEscaped), SECRET)).toBe(false);
  });

  it('(c) verifies the same raw UTF-8 body signed over its raw bytes', () => {
    const bytes = Buffer.from(RAW_UTF8, 'utf8');
    const header = sigHeader(bytes);
    expect(verifyWebhookSignature(bytes, header, SECRET)).toBe(true);
    expect(verifyWebhookSignature(RAW_UTF8, header, SECRET)).toBe(true);
  });

  it('(d) rejects a body whose non-ASCII content was altered', () => {
    const overEscaped = sigHeader(META_ESCAPED);
    const overRaw = sigHeader(RAW_UTF8);
    for (const altered of [RAW_UTF8.replace('í', 'ì'), RAW_UTF8.replace('👍', '👎'), RAW_UTF8.replace('í', 'i')]) {
      expect(altered).not.toBe(RAW_UTF8);
      expect(verifyWebhookSignature(altered, overEscaped, SECRET)).toBe(false);
      expect(verifyWebhookSignature(altered, overRaw, SECRET)).toBe(false);
      expect(verifyWebhookSignature(Buffer.from(altered, 'utf8'), overEscaped, SECRET)).toBe(false);
    }
    const alteredEscape = META_ESCAPED.replace('\\u00ed', '\\u00ec');
    expect(alteredEscape).not.toBe(META_ESCAPED);
    expect(verifyWebhookSignature(alteredEscape, overEscaped, SECRET)).toBe(false);
  });

  it('(d) a non-ASCII body signed with another secret fails both ways', () => {
    expect(verifyWebhookSignature(RAW_UTF8, sigHeader(META_ESCAPED, OTHER_SECRET), SECRET)).toBe(false);
    expect(verifyWebhookSignature(RAW_UTF8, sigHeader(RAW_UTF8, OTHER_SECRET), SECRET)).toBe(false);
  });
});

describe('verifyWebhookSignature: configuration', () => {
  it('throws WhatsAppConfigError for an empty app secret', () => {
    expect(() => verifyWebhookSignature(BODY_BYTES, VALID, '')).toThrow(WhatsAppConfigError);
  });

  it('throws for an empty app secret even when the header is missing', () => {
    expect(() => verifyWebhookSignature(BODY_BYTES, undefined, '')).toThrow(WhatsAppConfigError);
  });

  it('throws for a non-string app secret from untyped callers', () => {
    expect(() => verifyWebhookSignature(BODY_BYTES, VALID, undefined as unknown as string)).toThrow(WhatsAppConfigError);
  });
});

describe('escapeUnicode and signWebhookPayload', () => {
  it("escapeUnicode follows Meta's rule: lowercase hex, one escape per UTF-16 code unit, ASCII untouched", () => {
    expect(escapeUnicode('äöå')).toBe('\\u00e4\\u00f6\\u00e5');
    expect(escapeUnicode('👍')).toBe('\\ud83d\\udc4d');
    expect(escapeUnicode('Ω€')).toBe('\\u03a9\\u20ac');
    const ascii = '{"a":"plain ~ text / with \\"quotes\\" @ 100%"}';
    expect(escapeUnicode(ascii)).toBe(ascii);
    expect(escapeUnicode('Lucía 👍')).toBe(metaEscape('Lucía 👍'));
  });

  it('signWebhookPayload yields sha256=<lowercase hex HMAC> of the exact bytes', () => {
    expect(signWebhookPayload(BODY, SECRET)).toBe(VALID);
    expect(signWebhookPayload(BODY_BYTES, SECRET)).toBe(VALID);
    expect(signWebhookPayload(META_ESCAPED_SAMPLE, SECRET)).toBe(sigHeader(META_ESCAPED_SAMPLE));
    expect(signWebhookPayload(BODY, SECRET)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });
});

