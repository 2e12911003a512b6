import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthRecordEntity } from './health-record.entity.js';
import { HealthRecordSeed } from './health-record.seed.js';
import { HealthRecordService } from './health-record.service.js';
import { PersonResolver } from './person.resolver.js';
import { VaccinationEntity } from './vaccination.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([HealthRecordEntity, VaccinationEntity])],
  providers: [HealthRecordService, PersonResolver, HealthRecordSeed],
})
export class HealthBureauModule {}
