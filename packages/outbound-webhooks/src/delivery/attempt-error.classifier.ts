import type { AttemptErrorKind } from '../entities/webhook-attempt.entity';

const DNS_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NODATA',
  'EAI_NONAME',
  'EAI_FAIL',
  'ENODATA',
  'ESERVFAIL',
]);
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** Every error in a `cause` / `AggregateError` chain, outermost first. */
function chainOf(error: unknown): unknown[] {
  const chain: unknown[] = [];
  const queue = [error];
  while (queue.length > 0 && chain.length < 10) {
    const current = queue.shift();
    if (current === undefined || current === null) continue;
    chain.push(current);
    if (current instanceof AggregateError) {
      queue.push(...(current.errors as unknown[]));
    }
    if (current instanceof Error && current.cause !== undefined) {
      queue.push(current.cause);
    }
  }
  return chain;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Maps a failed exchange to an `AttemptErrorKind`, looking through the
 * `cause` chain (undici and Node wrap socket errors).
 */
export function classifyAttemptError(error: unknown): AttemptErrorKind {
  const codes = chainOf(error)
    .map(codeOf)
    .filter((c) => c !== undefined);
  for (const code of codes) {
    if (code === 'EWEBHOOKBLOCKED') return 'BLOCKED_ADDRESS';
  }
  for (const code of codes) {
    if (TIMEOUT_CODES.has(code)) return 'TIMEOUT';
    if (DNS_CODES.has(code)) return 'DNS';
    if (CONNECT_CODES.has(code)) return 'CONNECT';
    if (TLS_CODE.test(code)) return 'TLS';
    if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_URL') {
      return 'INVALID_URL';
    }
  }
  return 'NETWORK';
}

/** A short, single-line message for the attempt record. */
export function describeAttemptError(error: unknown): string {
  const chain = chainOf(error);
  const parts = chain
    .map((e) => (e instanceof Error ? e.message : String(e)))
    .filter((m, i, all) => m !== '' && all.indexOf(m) === i);
  return parts.join(': ').replace(/\s+/g, ' ').slice(0, 1000);
}
