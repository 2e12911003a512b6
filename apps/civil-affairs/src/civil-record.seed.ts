import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BUREAU_CONFIG, insertInChunks, seedWhenEmpty, type BureauConfig } from '#bureau-kit';
import { demoCivilRecord, demoPeople } from '#demo-data';
import { CivilRecordEntity } from './civil-record.entity.js';

/** Fills an empty store with the civil affairs files of the demo population. */
@Injectable()
export class CivilRecordSeed implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(CivilRecordEntity) private readonly records: Repository<CivilRecordEntity>,
    @Inject(BUREAU_CONFIG) private readonly config: BureauConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await seedWhenEmpty(this.config, this.records, (tx) => insertInChunks(tx, CivilRecordEntity, this.rows()));
  }

  private rows() {
    return demoPeople().map((person) => {
      const { idNumber, maritalStatus, allowance, disability } = demoCivilRecord(person);
      return {
        idNumber,
        maritalStatus,
        allowanceStatus: allowance?.status ?? null,
        allowanceMonthlyAmount: allowance?.monthlyAmount ?? null,
        allowanceSince: allowance?.since ?? null,
        disabilityCertificateNumber: disability?.certificateNumber ?? null,
        disabilityCategory: disability?.category ?? null,
        disabilityGrade: disability?.grade ?? null,
      };
    });
  }
}
