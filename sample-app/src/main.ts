import 'reflect-metadata';

// TODO(#6): the sample app — placeholder until the sample-app issue lands.
console.log('nestjs-outbound-webhooks sample app: not built yet.');
