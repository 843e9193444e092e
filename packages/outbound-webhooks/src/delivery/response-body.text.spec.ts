import { responseBodyText } from './response-body.text';

describe('responseBodyText', () => {
  it('keeps a body under the cap as is', () => {
    expect(responseBodyText(Buffer.from('héllo'), 100)).toBe('héllo');
  });

  it('cuts at the byte cap on a character boundary', () => {
    const text = responseBodyText(Buffer.from('ééé'), 5);
    expect(text).toBe('éé');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(5);
  });

  it('replaces NUL characters, which PostgreSQL text refuses', () => {
    expect(responseBodyText(Buffer.from('a\u0000b'), 100)).toBe('a\uFFFDb');
  });

  it('never grows past the cap when invalid bytes decode to U+FFFD', () => {
    const text = responseBodyText(Buffer.from([0xff, 0xfe, 0xfd, 0xfc]), 4);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4);
  });
});
