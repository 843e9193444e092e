import type { LookupAddress } from 'node:dns';
import { BlockedAddressError } from '../errors/blocked-address.error';
import { InvalidOptionError } from '../errors/invalid-option.error';
import { UrlNotAllowedError } from '../errors/url-not-allowed.error';
import { WebhookValidationError } from '../errors/webhook-validation.error';
import type { HostResolver } from './host-resolver';
import { WEBHOOK_URL_MAX_LENGTH } from './input-limits';
import { WebhookNetworkPolicy } from './webhook-network.policy';

/** A fake DNS: names map to fixed answers; others are not found. */
function fakeResolver(table: Record<string, string[]>): HostResolver {
  return (hostname) => {
    const answers = table[hostname.toLowerCase().replace(/\.$/, '')];
    if (!answers) {
      return Promise.reject(
        Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
          code: 'ENOTFOUND',
        }),
      );
    }
    return Promise.resolve(
      answers.map((address) => ({
        address,
        family: address.includes(':') ? 6 : 4,
      })),
    );
  };
}

const resolver = fakeResolver({
  localhost: ['127.0.0.1', '::1'],
  'public.test': ['93.184.216.34'],
  'mixed.test': ['93.184.216.34', '10.1.2.3'],
  'canary.test': ['127.0.0.2'],
  'metadata.test': ['169.254.169.254'],
  'v6private.test': ['fd00::1'],
  'dual.test': ['8.8.8.8', '2001:4860:4860::8888'],
});

/** [url, allowed by default?] — validated only, never connected to. */
const URL_CASES: [string, boolean][] = [
  ['http://127.0.0.2/hook', false],
  ['http://2130706434/hook', false],
  ['http://0x7f000002/hook', false],
  ['http://0x7f.0.0.2/hook', false],
  ['http://0177.0.0.2/hook', false],
  ['http://0177.0.0.02/hook', false],
  ['http://127.2/hook', false],
  ['http://127.0.2/hook', false],
  ['http://127.0.0.2./hook', false],
  ['http://%31%32%37.0.0.2/hook', false],
  ['http://[::ffff:127.0.0.2]/hook', false],
  ['http://[::ffff:7f00:2]/hook', false],
  ['http://[0:0:0:0:0:ffff:7f00:2]/hook', false],
  ['http://[::127.0.0.2]/hook', false],
  ['http://[64:ff9b::7f00:2]/hook', false],
  ['http://[64:ff9b::127.0.0.2]/hook', false],
  ['http://[::ffff:0:127.0.0.2]/hook', false],
  ['http://[64:ff9b:1::a00:1]/hook', false],
  ['http://localhost/hook', false],
  ['http://localhost./hook', false],
  ['http://127.0.0.1:8080/hook', false],
  ['http://[::1]/hook', false],
  ['http://10.0.0.1/hook', false],
  ['http://10.255.255.255/hook', false],
  ['http://172.16.0.1/hook', false],
  ['http://172.31.255.254/hook', false],
  ['http://192.168.1.1/hook', false],
  ['http://169.254.169.254/latest/meta-data/', false],
  ['http://0xa9fea9fe/latest/meta-data/', false],
  ['http://[::ffff:169.254.169.254]/', false],
  ['http://100.64.0.1/hook', false],
  ['http://100.127.255.254/hook', false],
  ['http://198.18.0.1/hook', false],
  ['http://192.0.2.10/hook', false],
  ['http://198.51.100.7/hook', false],
  ['http://203.0.113.9/hook', false],
  ['http://240.0.0.1/hook', false],
  ['http://255.255.255.255/hook', false],
  ['http://0.0.0.0/hook', false],
  ['http://0/hook', false],
  ['http://[::]/hook', false],
  ['http://[fe80::1]/hook', false],
  ['http://[fc00::1]/hook', false],
  ['http://[fd12:3456::1]/hook', false],
  ['http://[fec0::1]/hook', false],
  ['http://[2001:db8::1]/hook', false],
  ['http://[2002:7f00:2::1]/hook', false],
  ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook', false],
  ['http://224.0.0.1/hook', false],
  ['http://239.255.255.250/hook', false],
  ['http://[ff02::1]/hook', false],
  ['http://user:pass@93.184.216.34/hook', false],
  ['https://user@public.test/hook', false],
  ['http://@93.184.216.34/hook', false],
  ['http://:@93.184.216.34/hook', false],
  ['https://public.test/hook?next=a@b', true],
  ['ftp://93.184.216.34/file', false],
  ['javascript:alert(1)', false],
  ['file:///etc/passwd', false],
  ['gopher://93.184.216.34/', false],
  ['not a url', false],
  ['/relative/path', false],
  ['http://canary.test/hook', false],
  ['http://CANARY.test./hook', false],
  ['http://metadata.test/hook', false],
  ['http://mixed.test/hook', false],
  ['http://v6private.test/hook', false],
  ['http://93.184.216.34/hook', true],
  ['https://8.8.8.8/hook', true],
  ['http://1.1.1.1:8443/hook?x=1', true],
  ['https://[2001:4860:4860::8888]/hook', true],
  ['http://[::ffff:8.8.8.8]/hook', true],
  ['http://[64:ff9b::808:808]/hook', true],
  ['https://public.test/hook', true],
  ['https://dual.test/hook', true],
  ['https://unresolvable.test/hook', true],
  ['http://100.63.255.255/hook', true],
  ['http://100.128.0.1/hook', true],
  ['http://172.15.255.255/hook', true],
  ['http://172.32.0.1/hook', true],
];

describe('WebhookNetworkPolicy', () => {
  const policy = new WebhookNetworkPolicy({ resolver });

  describe('assertUrlAllowed with default settings', () => {
    it('covers at least 40 spellings', () => {
      expect(URL_CASES.length).toBeGreaterThanOrEqual(40);
    });

    it.each(URL_CASES.filter(([, allowed]) => !allowed))(
      'refuses %s',
      async (url) => {
        const error: unknown = await policy.assertUrlAllowed(url).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(UrlNotAllowedError);
        const refusal = error as UrlNotAllowedError;
        expect(refusal).toBeInstanceOf(WebhookValidationError);
        expect(refusal.field).toBe('url');
        expect(refusal.correctionSuggestion.length).toBeGreaterThan(0);
        expect(refusal.message).not.toContain('pass');
      },
    );

    it.each(URL_CASES.filter(([, allowed]) => allowed))(
      'accepts %s',
      async (url) => {
        await expect(policy.assertUrlAllowed(url)).resolves.toBeUndefined();
      },
    );
  });

  it('says why a host is refused', async () => {
    await expect(policy.assertUrlAllowed('http://0x7f000002/')).rejects.toThrow(
      /127\.0\.0\.2 is a loopback address/,
    );
    await expect(
      policy.assertUrlAllowed('http://169.254.169.254/'),
    ).rejects.toThrow(/link-local.*metadata/);
    await expect(
      policy.assertUrlAllowed('http://[::ffff:10.0.0.1]/'),
    ).rejects.toThrow(
      /IPv4-mapped address embedding 10\.0\.0\.1, which is a private/,
    );
    await expect(policy.assertUrlAllowed('http://mixed.test/')).rejects.toThrow(
      /mixed\.test resolves to a blocked address: 10\.1\.2\.3/,
    );
  });

  it('never repeats credentials of a refused URL', async () => {
    const error = await policy
      .assertUrlAllowed('https://alice:s3cr3t-Pa55@public.test/hook')
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toMatch(/alice|s3cr3t/);
    expect(String((error as Error).message)).toMatch(/credentials/);
  });

  it('refuses a URL longer than the limit and accepts one at it', async () => {
    const base = 'https://public.test/';
    const atLimit = base + 'a'.repeat(WEBHOOK_URL_MAX_LENGTH - base.length);
    await expect(policy.assertUrlAllowed(atLimit)).resolves.toBeUndefined();
    await expect(policy.assertUrlAllowed(atLimit + 'a')).rejects.toThrow(
      /at most 2048/,
    );
  });

  it('refuses http when https is required', async () => {
    const strict = new WebhookNetworkPolicy({ resolver, requireHttps: true });
    await expect(strict.assertUrlAllowed('http://8.8.8.8/')).rejects.toThrow(
      /must use https/,
    );
    await expect(
      strict.assertUrlAllowed('https://8.8.8.8/'),
    ).resolves.toBeUndefined();
  });

  describe('allowedNetworks', () => {
    const loopback = new WebhookNetworkPolicy({
      resolver,
      allowedNetworks: ['127.0.0.1/32', '::1/128', 'internal.example'],
    });

    it('re-allows exactly the listed networks', async () => {
      await expect(
        loopback.assertUrlAllowed('http://127.0.0.1:3000/'),
      ).resolves.toBeUndefined();
      await expect(
        loopback.assertUrlAllowed('http://[::1]:3000/'),
      ).resolves.toBeUndefined();
      await expect(
        loopback.assertUrlAllowed('http://[::ffff:127.0.0.1]/'),
      ).resolves.toBeUndefined();
      await expect(
        loopback.assertUrlAllowed('http://2130706434/'),
      ).rejects.toThrow(UrlNotAllowedError);
      await expect(
        loopback.assertUrlAllowed('http://canary.test/'),
      ).rejects.toThrow(UrlNotAllowedError);
    });

    it('re-allows a host name by name, whatever it resolves to', async () => {
      await expect(
        loopback.assertUrlAllowed('http://INTERNAL.example./hook'),
      ).resolves.toBeUndefined();
      await expect(
        loopback.resolveAllowed('internal.example'),
      ).rejects.toMatchObject({ code: 'ENOTFOUND' });
    });

    it('a /8 re-allows every spelling of the network', () => {
      const wide = new WebhookNetworkPolicy({
        allowedNetworks: ['127.0.0.0/8'],
      });
      for (const spelling of ['0x7f000002', '127.2', '::ffff:127.0.0.2']) {
        expect(wide.checkAddress(spelling)).toEqual({ allowed: true });
      }
      expect(wide.checkAddress('::1').allowed).toBe(false);
    });

    it('refuses a malformed entry at construction, naming the option', () => {
      expect(
        () => new WebhookNetworkPolicy({ allowedNetworks: ['10.0.0.0/33'] }),
      ).toThrow(InvalidOptionError);
      expect(
        () => new WebhookNetworkPolicy({ allowedNetworks: ['not a host!'] }),
      ).toThrow(/"allowedNetworks"/);
    });
  });

  describe('checkAddress', () => {
    it.each([
      ['8.8.8.8', true],
      ['2606:4700:4700::1111', true],
      ['127.0.0.2', false],
      ['0177.0.0.2', false],
      ['[::1]', false],
      ['fe80::1%eth0', false],
      ['::ffff:a9fe:a9fe', false],
      ['not-an-ip', false],
      ['8.8.8.8:80', false],
      ['user@8.8.8.8', false],
      ['8.8.8.8/x', false],
    ])('%s → allowed %s', (address, allowed) => {
      const verdict = policy.checkAddress(address);
      expect(verdict.allowed).toBe(allowed);
      if (!allowed) expect(verdict.reason).toContain(' is ');
    });
  });

  describe('lookup (connect time)', () => {
    function lookup(
      subject: WebhookNetworkPolicy,
      hostname: string,
      all: boolean,
      family = 0,
    ): Promise<{ address: string | LookupAddress[]; family?: number }> {
      return new Promise((resolve, reject) => {
        subject.lookup(hostname, { all, family }, (error, address, fam) => {
          if (error) reject(error);
          else resolve({ address, family: fam });
        });
      });
    }

    it('answers in the single-address form', async () => {
      await expect(lookup(policy, 'public.test', false)).resolves.toEqual({
        address: '93.184.216.34',
        family: 4,
      });
    });

    it('answers in the all form, filtered by family', async () => {
      await expect(lookup(policy, 'dual.test', true)).resolves.toEqual({
        address: [
          { address: '8.8.8.8', family: 4 },
          { address: '2001:4860:4860::8888', family: 6 },
        ],
        family: undefined,
      });
      await expect(lookup(policy, 'dual.test', true, 6)).resolves.toEqual({
        address: [{ address: '2001:4860:4860::8888', family: 6 }],
        family: undefined,
      });
    });

    it('fails with EWEBHOOKBLOCKED when a resolved address is blocked', async () => {
      for (const name of ['canary.test', 'mixed.test', 'metadata.test']) {
        const error: unknown = await lookup(policy, name, true).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(BlockedAddressError);
        expect(error).toMatchObject({ code: 'EWEBHOOKBLOCKED' });
      }
    });

    it('checks a literal address without resolving it', async () => {
      await expect(lookup(policy, '127.0.0.2', false)).rejects.toMatchObject({
        code: 'EWEBHOOKBLOCKED',
        address: '127.0.0.2',
      });
    });

    it('passes DNS errors through', async () => {
      await expect(lookup(policy, 'nowhere.test', false)).rejects.toMatchObject(
        { code: 'ENOTFOUND' },
      );
    });

    it('refuses a name that resolved publicly at validation and privately now', async () => {
      let answer = '93.184.216.34';
      const rebinding = new WebhookNetworkPolicy({
        resolver: () => Promise.resolve([{ address: answer, family: 4 }]),
      });
      await rebinding.assertUrlAllowed('https://rebind.test/');
      answer = '127.0.0.2';
      await expect(
        lookup(rebinding, 'rebind.test', false),
      ).rejects.toBeInstanceOf(BlockedAddressError);
    });

    it('resolves real names with the system resolver', async () => {
      const system = new WebhookNetworkPolicy();
      await expect(lookup(system, 'localhost', false)).rejects.toMatchObject({
        code: 'EWEBHOOKBLOCKED',
      });
      const allowed = new WebhookNetworkPolicy({
        allowedNetworks: ['127.0.0.0/8', '::1/128'],
      });
      const { address } = await lookup(allowed, 'localhost', false);
      expect(['127.0.0.1', '::1']).toContain(address);
    });
  });
});
