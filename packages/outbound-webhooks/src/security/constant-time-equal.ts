import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets (or signatures, tokens) in constant time. Both are
 * hashed first, so neither their contents nor their lengths leak through
 * timing, and values of different lengths compare false instead of throwing.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}
