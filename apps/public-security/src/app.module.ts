import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonEntity } from './person.entity.js';
import { PersonResolver } from './person.resolver.js';
import { PersonSeed } from './person.seed.js';
import { PersonService } from './person.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PersonEntity])],
  providers: [PersonService, PersonResolver, PersonSeed],
})
export class PublicSecurityModule {}
