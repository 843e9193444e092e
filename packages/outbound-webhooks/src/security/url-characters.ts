/**
 * Characters an HTTP request-target may carry as is (RFC 3986 unreserved,
 * reserved and `%`). The URL is sent exactly as stored, so anything else
 * (space, control characters, non-ASCII, `"<>\^`{|}`) would be sent raw and
 * refused by receivers, or never sent at all.
 */
const URL_CHARACTER = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;

/** What is wrong with one character of a URL, and where. */
export interface InvalidUrlCharacter {
  /** Zero-based index in the URL. */
  index: number;
  /** A readable name of the character, e.g. `" " (space)` or `"é" (U+00E9)`. */
  description: string;
}

function describe(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (char === ' ') return '" " (space)';
  if (code < 0x20 || code === 0x7f) return `a control character (${hex})`;
  return `${JSON.stringify(char)} (${hex})`;
}

/**
 * The first character of `url` that is not valid in an HTTP request-target
 * (a `%` must start a `%XX` escape), or `null` when every one is. Pure.
 */
export function findInvalidUrlCharacter(
  url: string,
): InvalidUrlCharacter | null {
  let index = 0;
  for (const char of url) {
    if (!URL_CHARACTER.test(char)) {
      return { index, description: describe(char) };
    }
    if (char === '%' && !/^%[0-9A-Fa-f]{2}/.test(url.slice(index, index + 3))) {
      return { index, description: '"%" not followed by two hex digits' };
    }
    index += char.length;
  }
  return null;
}

/** The correction suggestion for a URL with an invalid character. */
export const URL_CHARACTER_HINT =
  'Percent-encode it (e.g. a space as %20, "é" as %C3%A9, "%" as %25); the URL is sent exactly as stored.';
