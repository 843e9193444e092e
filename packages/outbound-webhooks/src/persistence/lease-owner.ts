import { randomBytes } from 'node:crypto';

/** A fresh random lease token: only its holder may complete a delivery. */
export function newLeaseOwner(): string {
  return randomBytes(16).toString('hex');
}
