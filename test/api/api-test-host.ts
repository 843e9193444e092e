import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type {
  WebhooksAppRegistry,
  WebhooksAuthResolver,
  WebhooksCompanyInfoProvider,
  WebhooksModuleOptions,
  WebhooksPrincipal,
} from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import type { TestDatabase } from '../support/test-database';

export const ACME = '11111111-1111-4111-8111-111111111111';
export const GLOBEX = '22222222-2222-4222-8222-222222222222';
/** A company nobody in these tests belongs to. */
export const INITECH = '33333333-3333-4333-8333-333333333333';
export const DEMO_APP = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
/** Installed nowhere. */
export const LONELY_APP = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

export const TOKENS = {
  acme: 'acme-admin-token',
  globex: 'globex-admin-token',
  multi: 'multi-company-token',
} as const;

const PRINCIPALS: Record<string, WebhooksPrincipal> = {
  [TOKENS.acme]: {
    user: { uuid: 'u-acme', email: 'admin@acme.test' },
    companyUuids: [ACME],
    defaultCompanyUuid: ACME,
  },
  [TOKENS.globex]: {
    user: { uuid: 'u-globex', email: 'admin@globex.test' },
    companyUuids: [GLOBEX],
    defaultCompanyUuid: GLOBEX,
  },
  [TOKENS.multi]: {
    user: { uuid: 'u-multi', email: 'multi@example.test' },
    companyUuids: [ACME, GLOBEX],
    defaultCompanyUuid: ACME,
  },
};

/** Makes the auth resolver fail like a broken database would. */
export const EXPLODING_TOKEN = 'exploding-token';
/** What that failure says: it must never reach a client. */
export const INTERNAL_DETAIL =
  'SELECT secret FROM users WHERE password = hunter2 at /srv/app/auth.ts:12';

export const authResolver: WebhooksAuthResolver = {
  resolve: async (token) => {
    if (token === EXPLODING_TOKEN) throw new Error(INTERNAL_DETAIL);
    return PRINCIPALS[token] ?? null;
  },
};

export const companyInfoProvider: WebhooksCompanyInfoProvider = {
  getCompany: async (uuid) =>
    uuid === ACME
      ? {
          uuid: ACME,
          name: 'Acme',
          website: 'https://acme.test',
          logo: null,
          primaryColor: '#ff0000',
          secondaryColor: null,
          updatedAt: 1_764_700_000_000,
        }
      : uuid === GLOBEX
        ? { uuid: GLOBEX, name: 'Globex', updatedAt: 1_764_700_000_001 }
        : null,
};

export const appRegistry: WebhooksAppRegistry = {
  findApp: async (uuid) =>
    uuid === DEMO_APP
      ? { uuid: DEMO_APP, name: 'demo-app' }
      : uuid === LONELY_APP
        ? { uuid: LONELY_APP, name: 'lonely-app' }
        : null,
  isInstalled: async (appUuid, companyUuid) =>
    appUuid === DEMO_APP && companyUuid === ACME,
};

export const PREFIX = '/api/v2/webhooks';

/** Every response body seen, to prove no secret ever leaves the API. */
export class ResponseLog {
  readonly bodies: string[] = [];

  containing(text: string): string[] {
    return this.bodies.filter((body) => body.includes(text));
  }

  /** Bodies holding an object key that looks like a secret. */
  withSecretKeys(): string[] {
    const secretKey = (key: string) => /secret/i.test(key);
    const has = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.some(has);
      if (typeof value !== 'object' || value === null) return false;
      return Object.entries(value).some(
        ([key, inner]) => secretKey(key) || has(inner),
      );
    };
    return this.bodies.filter((body) => {
      try {
        return has(JSON.parse(body));
      } catch {
        return false;
      }
    });
  }
}

export interface ApiCallOptions {
  token?: string | null;
  company?: string;
  body?: unknown;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
}

/** A running app with the module mounted and a small client for it. */
export class ApiTestHost {
  readonly log = new ResponseLog();

  private constructor(readonly app: INestApplication) {}

  static async start(
    db: TestDatabase,
    webhooks: WebhooksModuleOptions = {},
  ): Promise<ApiTestHost> {
    const app = await createTestApp(db, {
      listen: true,
      webhooks: {
        authResolver,
        companyInfoProvider,
        appRegistry,
        allowedNetworks: ['127.0.0.0/8', '::1/128'],
        ...webhooks,
      },
    });
    return new ApiTestHost(app);
  }

  /** Calls `PREFIX + path` as Acme's admin unless told otherwise. */
  async call(
    method: 'get' | 'post' | 'put' | 'delete' | 'patch',
    path: string,
    options: ApiCallOptions = {},
  ): Promise<request.Response> {
    let req = request(this.app.getHttpServer())[method](`${PREFIX}${path}`);
    const token = options.token === undefined ? TOKENS.acme : options.token;
    if (token !== null) req = req.set('Authorization', `Bearer ${token}`);
    if (options.company)
      req = req.set('X-Caraer-Company-Uuid', options.company);
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      req = req.set(name, value);
    }
    if (options.query) req = req.query(options.query);
    const response =
      options.body !== undefined
        ? await req.send(options.body as object)
        : await req;
    this.log.bodies.push(response.text);
    return response;
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

/** A valid create body; override what a test is about. */
export function webhookBody(overrides: Record<string, unknown> = {}) {
  return {
    url: 'http://127.0.0.1:9/hooks',
    secret: 'whsec_c2VjcmV0LXZhbHVlLWZvci10ZXN0cw==',
    topic: 'record.candidate.created',
    ...overrides,
  };
}
