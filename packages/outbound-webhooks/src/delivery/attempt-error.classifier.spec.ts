import {
  classifyAttemptError,
  describeAttemptError,
} from './attempt-error.classifier';

function withCode(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyAttemptError', () => {
  it.each([
    ['ECONNREFUSED', 'CONNECT'],
    ['EHOSTUNREACH', 'CONNECT'],
    ['ENOTFOUND', 'DNS'],
    ['EAI_AGAIN', 'DNS'],
    ['UND_ERR_CONNECT_TIMEOUT', 'TIMEOUT'],
    ['UND_ERR_HEADERS_TIMEOUT', 'TIMEOUT'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS'],
    ['EWEBHOOKBLOCKED', 'BLOCKED_ADDRESS'],
    ['UND_ERR_INVALID_ARG', 'INVALID_URL'],
    ['ECONNRESET', 'NETWORK'],
    ['UND_ERR_SOCKET', 'NETWORK'],
  ])('%s is %s', (code, kind) => {
    expect(classifyAttemptError(withCode(code))).toBe(kind);
  });

  it('looks through the cause chain and AggregateError', () => {
    const wrapped = new Error('fetch failed', {
      cause: new AggregateError([withCode('ECONNREFUSED')]),
    });
    expect(classifyAttemptError(wrapped)).toBe('CONNECT');
  });

  it('a blocked address wins over the socket error wrapping it', () => {
    const wrapped = Object.assign(
      new Error('socket', { cause: withCode('EWEBHOOKBLOCKED') }),
      { code: 'ECONNRESET' },
    );
    expect(classifyAttemptError(wrapped)).toBe('BLOCKED_ADDRESS');
  });

  it('describes the chain on one line without repeats', () => {
    const error = new Error('outer\nline', { cause: new Error('inner') });
    expect(describeAttemptError(error)).toBe('outer line: inner');
  });
});
