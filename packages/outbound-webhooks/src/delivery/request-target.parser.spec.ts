import { parseRequestTarget } from './request-target.parser';

describe('parseRequestTarget', () => {
  it('keeps path and query exactly as stored', () => {
    expect(
      parseRequestTarget(
        "https://example.com:8443/a%2Fb/../c?q=O'Brien&x=%2f#frag",
      ),
    ).toEqual({
      origin: 'https://example.com:8443',
      hostname: 'example.com',
      path: "/a%2Fb/../c?q=O'Brien&x=%2f",
      protocol: 'https:',
    });
  });

  it('sends / for a URL without a path, and /?q for a bare query', () => {
    expect(parseRequestTarget('http://example.com')).toMatchObject({
      path: '/',
    });
    expect(parseRequestTarget('http://example.com?x=1')).toMatchObject({
      path: '/?x=1',
    });
  });

  it('normalizes the host the way it is connected to', () => {
    expect(parseRequestTarget('http://0x7f.1:80/')).toMatchObject({
      hostname: '127.0.0.1',
    });
    expect(parseRequestTarget('http://[::1]:8080/')).toMatchObject({
      hostname: '::1',
      origin: 'http://[::1]:8080',
    });
  });

  it('refuses credentials, other schemes and garbage with a reason', () => {
    expect(parseRequestTarget('http://u:p@example.com/')).toMatch(
      /credentials/,
    );
    expect(parseRequestTarget('ftp://example.com/')).toMatch(/http/);
    expect(parseRequestTarget('http://exa mple.com/')).toMatch(/parsed/);
  });
});
