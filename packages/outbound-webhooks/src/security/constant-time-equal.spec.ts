import { constantTimeEqual } from './constant-time-equal';

describe('constantTimeEqual', () => {
  it('is true only for identical strings', () => {
    expect(constantTimeEqual('whsec_abc', 'whsec_abc')).toBe(true);
    expect(constantTimeEqual('whsec_abc', 'whsec_abd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('compares values of different lengths without throwing', () => {
    expect(constantTimeEqual('short', 'a much longer value')).toBe(false);
    expect(constantTimeEqual('abc', '')).toBe(false);
  });
});
