import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { SAMPLE_APP_OPTIONS, configureApp } from './configure-app';
import { loadSampleConfig } from './config/load-sample-config';
import { welcomeBanner } from './seed/welcome-banner';

async function bootstrap(): Promise<void> {
  const config = loadSampleConfig(process.env);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config),
    SAMPLE_APP_OPTIONS,
  );
  configureApp(app);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as { port: number };
  console.log(
    welcomeBanner(`http://localhost:${port}`, config.allowedNetworks),
  );
}

bootstrap().catch((error: unknown) => {
  new Logger('SampleApp').error(
    'the sample app failed to start',
    error instanceof Error ? error.stack : String(error),
  );
  process.exit(1);
});
