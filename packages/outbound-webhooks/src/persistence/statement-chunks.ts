/**
 * Text carried by one statement, about (string length, not bytes): far
 * below MySQL's default `max_allowed_packet` (16 MiB on MariaDB, 64 MiB on
 * MySQL 8) even in 3-byte UTF-8, and a bound on the strings built for it.
 */
export const TEXT_PER_STATEMENT = 4 * 1024 * 1024;

/**
 * Splits `items` into runs of one statement each: at most `maxRows` items
 * whose `sizeOf` adds up to at most `maxText` (an item larger than that on
 * its own gets a run to itself).
 */
export function statementChunks<T>(
  items: readonly T[],
  maxRows: number,
  maxText: number,
  sizeOf: (item: T) => number,
): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let text = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (
      chunk.length > 0 &&
      (chunk.length >= maxRows || text + size > maxText)
    ) {
      chunks.push(chunk);
      chunk = [];
      text = 0;
    }
    chunk.push(item);
    text += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
