import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnterpriseEntity } from './enterprise.entity.js';
import { EnterpriseResolver } from './enterprise.resolver.js';
import { EnterpriseSeed } from './enterprise.seed.js';
import { EnterpriseService } from './enterprise.service.js';
import { PersonResolver } from './person.resolver.js';

@Module({
  imports: [TypeOrmModule.forFeature([EnterpriseEntity])],
  providers: [EnterpriseService, EnterpriseResolver, PersonResolver, EnterpriseSeed],
})
export class MarketRegulationModule {}
