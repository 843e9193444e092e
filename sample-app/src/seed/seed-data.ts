/**
 * The demo data, with fixed uuids so that the README, the printed banner and
 * the demo can name them. Tokens are stored hashed (see `hashToken`).
 */
export const SEED = {
  companies: {
    acme: {
      uuid: '11111111-1111-4111-8111-111111111111',
      name: 'Acme',
      website: 'https://acme.example',
      primaryColor: '#d9480f',
      secondaryColor: '#212529',
    },
    globex: {
      uuid: '22222222-2222-4222-8222-222222222222',
      name: 'Globex',
      website: 'https://globex.example',
      primaryColor: '#1864ab',
      secondaryColor: '#f1f3f5',
    },
  },
  users: {
    acmeAdmin: {
      uuid: '33333333-3333-4333-8333-333333333333',
      email: 'admin@acme.example',
      firstname: 'Ada',
      lastname: 'Acme',
      token: 'acme-admin-token',
      companies: ['acme'],
      defaultCompany: 'acme',
    },
    globexAdmin: {
      uuid: '44444444-4444-4444-8444-444444444444',
      email: 'admin@globex.example',
      firstname: 'Grace',
      lastname: 'Globex',
      token: 'globex-admin-token',
      companies: ['globex'],
      defaultCompany: 'globex',
    },
    multiCompany: {
      uuid: '55555555-5555-4555-8555-555555555555',
      email: 'consultant@example.com',
      firstname: 'Morgan',
      lastname: 'Multi',
      token: 'multi-company-token',
      companies: ['acme', 'globex'],
      defaultCompany: 'acme',
    },
  },
  apps: {
    demoApp: {
      uuid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      name: 'demo-app',
      installedFor: ['acme'],
    },
  },
} as const;

/** Company keys of the seed. */
export type SeedCompanyKey = keyof typeof SEED.companies;
