import { ConfigurableModuleBuilder } from '@nestjs/common';
import type {
  WebhooksModuleExtras,
  WebhooksModuleOptions,
} from './options/webhooks-module-options.interface';
import { WEBHOOKS_DEFAULT_API_PREFIX } from './webhooks.constants';

export const {
  ConfigurableModuleClass: WebhooksConfigurableModule,
  MODULE_OPTIONS_TOKEN: WEBHOOKS_MODULE_OPTIONS,
  OPTIONS_TYPE: WEBHOOKS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: WEBHOOKS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<WebhooksModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras<WebhooksModuleExtras>(
    {
      isGlobal: false,
      mountControllers: true,
      apiPrefix: WEBHOOKS_DEFAULT_API_PREFIX,
      dataSourceName: undefined,
    },
    (definition, extras) => ({ ...definition, global: extras.isGlobal }),
  )
  .build();
