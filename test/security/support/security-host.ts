import type {
  WebhooksAppRegistry,
  WebhooksAuthResolver,
  WebhooksCompanyInfoProvider,
  WebhooksPrincipal,
} from 'nestjs-outbound-webhooks';

/** Two tenants and their callers, as a host would know them. */
export const COMPANY_A = '0a0a0a0a-0000-4000-8000-00000000000a';
export const COMPANY_B = '0b0b0b0b-0000-4000-8000-00000000000b';
export const APP_OF_A = 'a9900000-0000-4000-8000-0000000000a1';

export const TOKEN_A = 'token-company-a';
export const TOKEN_B = 'token-company-b';
/** Member of both companies, default A. */
export const TOKEN_AB = 'token-both-companies';

const PRINCIPALS: Record<string, WebhooksPrincipal> = {
  [TOKEN_A]: {
    user: { uuid: 'u-a', email: 'a@example.com' },
    companyUuids: [COMPANY_A],
    defaultCompanyUuid: COMPANY_A,
  },
  [TOKEN_B]: {
    user: { uuid: 'u-b', email: 'b@example.com' },
    companyUuids: [COMPANY_B],
    defaultCompanyUuid: COMPANY_B,
  },
  [TOKEN_AB]: {
    user: { uuid: 'u-ab', email: 'ab@example.com' },
    companyUuids: [COMPANY_A, COMPANY_B],
    defaultCompanyUuid: COMPANY_A,
  },
};

export const authResolver: WebhooksAuthResolver = {
  resolve: (token) => Promise.resolve(PRINCIPALS[token] ?? null),
};

/** One app, installed for company A only. */
export const appRegistry: WebhooksAppRegistry = {
  findApp: (uuid) =>
    Promise.resolve(uuid === APP_OF_A ? { uuid, name: 'App of A' } : null),
  isInstalled: (uuid, company) =>
    Promise.resolve(uuid === APP_OF_A && company === COMPANY_A),
};

export const companyInfoProvider: WebhooksCompanyInfoProvider = {
  getCompany: (uuid) =>
    Promise.resolve(
      uuid === COMPANY_A || uuid === COMPANY_B
        ? {
            uuid,
            name: uuid === COMPANY_A ? 'Company A' : 'Company B',
            updatedAt: 1_700_000_000_000,
          }
        : null,
    ),
};

/** The `Authorization` header of a token. */
export const bearer = (token: string) => `Bearer ${token}`;
