import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BearerAuthGuard } from './bearer-auth.guard';
import { MembershipEntity } from './membership.entity';
import { SampleAuthResolver } from './sample-auth.resolver';
import { UserEntity } from './user.entity';

/** Bearer tokens, users and their companies. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, MembershipEntity])],
  providers: [SampleAuthResolver, BearerAuthGuard],
  exports: [SampleAuthResolver, BearerAuthGuard],
})
export class AuthModule {}
