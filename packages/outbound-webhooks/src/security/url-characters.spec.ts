import { findInvalidUrlCharacter } from './url-characters';

describe('findInvalidUrlCharacter', () => {
  it.each([
    'https://example.com/hooks',
    'http://127.0.0.1:4101/p%20ath?q=1%202&z=%C3%A9',
    "http://[::1]:80/a-b_c.d~e/!$&'()*+,;=:@?x=[y]#frag",
  ])('accepts %s', (url) => {
    expect(findInvalidUrlCharacter(url)).toBeNull();
  });

  it.each([
    ['http://h/p ath', 10, '" " (space)'],
    ['http://h/?z=\u00e9', 12, '"é" (U+00E9)'],
    ['http://h/\u{1f600}x', 9, '"😀" (U+1F600)'],
    ['http://h/a\tb', 10, 'a control character (U+0009)'],
    ['http://h/a\u007fb', 10, 'a control character (U+007F)'],
    ['http://h/a"b', 10, '"\\"" (U+0022)'],
    ['http://h/{x}', 9, '"{" (U+007B)'],
    ['http://h/a\\b', 10, '"\\\\" (U+005C)'],
    ['http://h/100%_off', 12, '"%" not followed by two hex digits'],
    ['http://h/50%', 11, '"%" not followed by two hex digits'],
  ])('refuses %j at index %i: %s', (url, index, description) => {
    expect(findInvalidUrlCharacter(url)).toEqual({ index, description });
  });
});
