export * from './webhooks-app-registry.interface';
export * from './webhooks-auth-resolver.interface';
export * from './webhooks-company-info.interface';
export * from './webhooks-object-catalogue.interface';
export * from './webhooks-relation-loader.interface';
