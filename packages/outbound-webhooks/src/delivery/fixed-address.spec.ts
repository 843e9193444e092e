import { hasFixedAddress } from './fixed-address';

describe('hasFixedAddress', () => {
  it('is true for an IPv4 literal in any spelling URL parsing normalizes', () => {
    expect(hasFixedAddress('http://127.0.0.2:8080/hook')).toBe(true);
    expect(hasFixedAddress('http://2130706434/hook')).toBe(true);
    expect(hasFixedAddress('http://0x7f.0.0.2/hook')).toBe(true);
  });

  it('is true for a bracketed IPv6 literal', () => {
    expect(hasFixedAddress('http://[::ffff:127.0.0.2]/hook')).toBe(true);
  });

  it('is false for a host name, whose address may change', () => {
    expect(hasFixedAddress('https://hooks.example.com/x')).toBe(false);
  });

  it('is false for a URL that does not parse', () => {
    expect(hasFixedAddress('not a url')).toBe(false);
  });
});
