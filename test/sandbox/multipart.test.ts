import { boundaryOf, MultipartError, parseMultipart } from '../../sandbox/http/multipart';

describe('multipart/form-data parser', () => {
  it.each([
    ['multipart/form-data; boundary=abc', 'abc'],
    ['multipart/form-data; boundary="a b;c"', 'a b;c'],
    ['Multipart/Form-Data; charset=utf-8; BOUNDARY=xyz', 'xyz'],
    ['application/json', null],
    ['multipart/form-data', null],
    [undefined, null],
  ])('reads the boundary of %p', (header, boundary) => {
    expect(boundaryOf(header)).toBe(boundary);
  });

  it('splits parts and keeps binary data, empty parts and CRLF inside content', () => {
    const binary = Buffer.from([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff]);
    const body = Buffer.concat([
      Buffer.from('--B\r\nContent-Disposition: form-data; name="empty"\r\n\r\n\r\n'),
      Buffer.from('--B\r\nContent-Disposition: form-data; name="file"; filename="a;b.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      binary,
      Buffer.from('\r\n--B\r\nContent-Disposition: form-data; name="doc"; filename*=UTF-8\'\'na%C3%AFve.pdf\r\n\r\nx\r\n--B--\r\n'),
    ]);
    const parts = parseMultipart(body, 'B');
    expect(parts.map((part) => [part.name, part.filename, part.contentType, part.data.length])).toEqual([
      ['empty', null, null, 0],
      ['file', 'a;b.bin', 'application/octet-stream', binary.length],
      ['doc', 'naïve.pdf', null, 1],
    ]);
    expect(parts[1].data.equals(binary)).toBe(true);
  });

  it.each([
    ['no closing delimiter', '--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'],
    ['no boundary at all', 'just text'],
    ['a part without a name', '--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--'],
    ['LF-only line endings', '--B\nContent-Disposition: form-data; name="a"\n\nx\n--B--'],
  ])('rejects %s', (_label, body) => {
    expect(() => parseMultipart(Buffer.from(body), 'B')).toThrow(MultipartError);
  });
});
