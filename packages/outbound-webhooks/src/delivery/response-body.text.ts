/**
 * Text of a response body for storage: UTF-8 decoded, NUL characters
 * replaced (PostgreSQL `text` refuses them) and cut to at most `maxBytes`
 * UTF-8 bytes on a character boundary.
 */
export function responseBodyText(bytes: Buffer, maxBytes: number): string {
  let text = bytes.toString('utf8').replaceAll('\u0000', '\uFFFD');
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const cut = Buffer.from(text, 'utf8').subarray(0, maxBytes);
  text = cut.toString('utf8');
  // A cut inside a multi-byte character decodes to U+FFFD (3 bytes): drop it.
  while (Buffer.byteLength(text, 'utf8') > maxBytes) text = text.slice(0, -1);
  return text;
}
