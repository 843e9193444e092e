import { Module } from '@nestjs/common';
import type { DynamicModule, Provider } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { API_EXPORTS, API_PROVIDERS } from './api/api.providers';
import { createWebhooksControllers } from './api/api.controllers';
import {
  DELIVERY_EXPORTS,
  DELIVERY_PROVIDERS,
} from './delivery/delivery.providers';
import {
  DISPATCHER_EXPORTS,
  DISPATCHER_PROVIDERS,
} from './dispatcher/dispatcher.providers';
import { WEBHOOK_ENTITIES } from './entities';
import {
  FORMATTERS_EXPORTS,
  FORMATTERS_PROVIDERS,
} from './formatters/formatters.providers';
import type { WebhooksModuleOptions } from './options/webhooks-module-options.interface';
import { resolveWebhooksOptions } from './options/resolve-webhooks-options';
import {
  PERSISTENCE_EXPORTS,
  PERSISTENCE_PROVIDERS,
} from './persistence/persistence.providers';
import {
  PUBLISHER_EXPORTS,
  PUBLISHER_PROVIDERS,
} from './publisher/publisher.providers';
import {
  SECURITY_EXPORTS,
  SECURITY_PROVIDERS,
} from './security/security.providers';
import { TOPICS_EXPORTS, TOPICS_PROVIDERS } from './topics/topics.providers';
import {
  WEBHOOKS_ASYNC_OPTIONS_TYPE,
  WEBHOOKS_MODULE_OPTIONS,
  WEBHOOKS_OPTIONS_TYPE,
  WebhooksConfigurableModule,
} from './webhooks.module-definition';
import {
  WEBHOOKS_DATA_SOURCE,
  WEBHOOKS_DEFAULT_API_PREFIX,
  WEBHOOKS_RESOLVED_OPTIONS,
} from './webhooks.constants';

const AREA_PROVIDERS: Provider[] = [
  ...TOPICS_PROVIDERS,
  ...FORMATTERS_PROVIDERS,
  ...SECURITY_PROVIDERS,
  ...PERSISTENCE_PROVIDERS,
  ...PUBLISHER_PROVIDERS,
  ...DELIVERY_PROVIDERS,
  ...DISPATCHER_PROVIDERS,
  ...API_PROVIDERS,
];

const AREA_EXPORTS: Provider[] = [
  ...TOPICS_EXPORTS,
  ...FORMATTERS_EXPORTS,
  ...SECURITY_EXPORTS,
  ...PERSISTENCE_EXPORTS,
  ...PUBLISHER_EXPORTS,
  ...DELIVERY_EXPORTS,
  ...DISPATCHER_EXPORTS,
  ...API_EXPORTS,
];

/**
 * Outbound webhooks for a Nest application: REST API, publisher, matcher,
 * formatters and a scheduled dispatcher, on the host's TypeORM data source.
 *
 * The host registers `WEBHOOK_ENTITIES` and `WEBHOOK_MIGRATIONS` on its
 * DataSource and calls `ScheduleModule.forRoot()` once itself.
 */
@Module({})
export class WebhooksModule extends WebhooksConfigurableModule {
  static override forRoot(
    options: typeof WEBHOOKS_OPTIONS_TYPE,
  ): DynamicModule {
    return WebhooksModule.complete(super.forRoot(options), options);
  }

  static override forRootAsync(
    options: typeof WEBHOOKS_ASYNC_OPTIONS_TYPE,
  ): DynamicModule {
    return WebhooksModule.complete(super.forRootAsync(options), options);
  }

  private static complete(
    base: DynamicModule,
    extras: typeof WEBHOOKS_ASYNC_OPTIONS_TYPE,
  ): DynamicModule {
    const dataSourceName = extras.dataSourceName;
    const prefix = extras.apiPrefix ?? WEBHOOKS_DEFAULT_API_PREFIX;
    const shared: Provider[] = [
      {
        provide: WEBHOOKS_RESOLVED_OPTIONS,
        useFactory: (raw: WebhooksModuleOptions) =>
          resolveWebhooksOptions(raw, {
            mountControllers: extras.mountControllers,
          }),
        inject: [WEBHOOKS_MODULE_OPTIONS],
      },
      {
        provide: WEBHOOKS_DATA_SOURCE,
        useExisting: getDataSourceToken(dataSourceName),
      },
    ];
    return {
      ...base,
      imports: [
        ...(base.imports ?? []),
        TypeOrmModule.forFeature(WEBHOOK_ENTITIES, dataSourceName),
      ],
      controllers:
        extras.mountControllers === false
          ? []
          : createWebhooksControllers(prefix),
      providers: [...(base.providers ?? []), ...shared, ...AREA_PROVIDERS],
      exports: [WEBHOOKS_RESOLVED_OPTIONS, ...AREA_EXPORTS],
    };
  }
}
