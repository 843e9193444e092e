import { Module } from '@nestjs/common';
import { SeedService } from './seed.service';

/** Seeds the demo data at start (idempotent). */
@Module({ providers: [SeedService] })
export class SeedModule {}
