import { createHash } from 'node:crypto';

/** How tokens are stored: SHA-256, hex. A leaked table leaks no tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
