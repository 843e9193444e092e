import { Test } from '@nestjs/testing';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Controller, Get } from '@nestjs/common';
import request from 'supertest';
import {
  WEBHOOK_ENTITIES,
  WEBHOOK_MIGRATIONS,
  WebhooksModule,
  buildWebhooksOpenApiDocument,
} from 'nestjs-outbound-webhooks';
import { TestDatabase } from '../support/test-database';
import {
  TOKENS,
  appRegistry,
  authResolver,
  companyInfoProvider,
} from './api-test-host';

@Controller('host')
class HostController {
  @Get('ping')
  ping(): string {
    return 'pong';
  }
}

const ENDPOINTS: Array<[string, string]> = [
  ['post', '/custom/hooks/index'],
  ['post', '/custom/hooks/index/{topic}'],
  ['post', '/custom/hooks/apps/{appUuid}'],
  ['post', '/custom/hooks'],
  ['get', '/custom/hooks/me'],
  ['get', '/custom/hooks/formats'],
  ['get', '/custom/hooks/events'],
  ['get', '/custom/hooks/{uuid}'],
  ['put', '/custom/hooks/{uuid}'],
  ['delete', '/custom/hooks/{uuid}'],
  ['post', '/custom/hooks/{uuid}/test'],
  ['get', '/custom/hooks/{uuid}/deliveries'],
  ['get', '/custom/hooks/{uuid}/deliveries/{deliveryUuid}/attempts'],
  ['post', '/custom/hooks/{uuid}/deliveries/{deliveryUuid}/resend'],
  ['post', '/custom/hooks/{uuid}/recover'],
  ['post', '/custom/hooks/{uuid}/rotate-secret'],
  ['post', '/custom/hooks/{uuid}/enable'],
  ['post', '/custom/hooks/{uuid}/disable'],
];

describe('REST API: custom prefix and OpenAPI document [sqlite]', () => {
  const db = new TestDatabase('sqlite');

  beforeAll(() => db.create());
  afterAll(() => db.drop());

  it('mounts under the configured prefix and documents every endpoint', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          ...db.options(),
          entities: [...WEBHOOK_ENTITIES],
          migrations: [...WEBHOOK_MIGRATIONS],
          migrationsRun: true,
        }),
        ScheduleModule.forRoot(),
        WebhooksModule.forRoot({
          dispatcherEnabled: false,
          authResolver,
          companyInfoProvider,
          appRegistry,
          apiPrefix: '/custom/hooks/',
        }),
      ],
      controllers: [HostController],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    try {
      const server = app.getHttpServer();
      const me = await request(server)
        .get('/custom/hooks/me')
        .set('Authorization', `Bearer ${TOKENS.acme}`);
      expect(me.status).toBe(200);
      expect((await request(server).get('/api/v2/webhooks/me')).status).toBe(
        404,
      );
      // The host's own routes keep Nest's default error format.
      const hostMissing = await request(server).get('/host/missing');
      expect(hostMissing.body).toEqual(
        expect.objectContaining({ statusCode: 404 }),
      );
      expect((await request(server).get('/host/ping')).text).toBe('pong');

      const document = buildWebhooksOpenApiDocument(app);
      const paths = document.paths;
      expect(Object.keys(paths).some((p) => p.startsWith('/host'))).toBe(false);
      for (const [method, path] of ENDPOINTS) {
        const operation = (paths[path] as Record<string, any> | undefined)?.[
          method
        ];
        expect({ method, path, documented: Boolean(operation) }).toEqual({
          method,
          path,
          documented: true,
        });
        expect(operation.summary).toEqual(expect.any(String));
        expect(operation.responses['200']).toBeDefined();
        for (const status of ['401', '403', '500']) {
          expect(
            operation.responses[status].content['application/json'].schema,
          ).toEqual({
            $ref: '#/components/schemas/ErrorEnvelopeDto',
          });
        }
        expect(operation.security).toEqual([{ bearer: [] }]);
      }
      const schemas = document.components!.schemas as Record<string, any>;
      for (const name of [
        'CreateWebhookDto',
        'UpdateWebhookDto',
        'WebhookResponseDto',
        'PaginationRequestDto',
        'ErrorEnvelopeDto',
        'ErrorEntryDto',
        'WebhookEnvelope',
        'WebhookPageEnvelope',
        'DeliveryResponseDto',
        'AttemptResponseDto',
        'RotateSecretDto',
        'RecoverDeliveriesDto',
        'TestEventResultDto',
        'FilterSchemaDto',
      ]) {
        expect({ name, present: Boolean(schemas[name]) }).toEqual({
          name,
          present: true,
        });
      }
      expect(schemas.CreateWebhookDto.properties.secret.writeOnly).toBe(true);
      expect(schemas.CreateWebhookDto.required).toEqual(
        expect.arrayContaining(['url', 'secret', 'topic']),
      );
      expect(schemas.UpdateWebhookDto.required ?? []).toEqual([]);
      expect(schemas.WebhookResponseDto.properties.secret).toBeUndefined();
      expect(JSON.stringify(schemas.WebhookEnvelope.properties.data)).toContain(
        'WebhookResponseDto',
      );
      expect(schemas.WebhookPageEnvelope.properties.data.items.$ref).toContain(
        'WebhookResponseDto',
      );
      expect(
        Object.keys(schemas.WebhookPageEnvelope.properties).sort(),
      ).toEqual(['data', 'lastPage', 'message', 'page', 'perPage', 'total']);
      expect(paths['/custom/hooks/{uuid}'].get!.responses['404']).toBeDefined();
      expect(paths['/custom/hooks/index'].post!.responses['400']).toBeDefined();
    } finally {
      await app.close();
    }
  });
});
