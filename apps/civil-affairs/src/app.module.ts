import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CivilRecordEntity } from './civil-record.entity.js';
import { CivilRecordSeed } from './civil-record.seed.js';
import { CivilRecordService } from './civil-record.service.js';
import { PersonResolver } from './person.resolver.js';

@Module({
  imports: [TypeOrmModule.forFeature([CivilRecordEntity])],
  providers: [CivilRecordService, PersonResolver, CivilRecordSeed],
})
export class CivilAffairsModule {}
