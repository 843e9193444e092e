import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { SampleConfig } from './sample-config.interface';
import { SAMPLE_CONFIG } from './sample-config.constants';

/** Makes the parsed configuration injectable everywhere as `SAMPLE_CONFIG`. */
@Global()
@Module({})
export class SampleConfigModule {
  static forRoot(config: SampleConfig): DynamicModule {
    return {
      module: SampleConfigModule,
      providers: [{ provide: SAMPLE_CONFIG, useValue: config }],
      exports: [SAMPLE_CONFIG],
    };
  }
}
