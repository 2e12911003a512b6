import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BUREAU_CONFIG, type BureauConfig } from '#bureau-kit';
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
    if (!this.config.seedDemoData || (await this.records.count()) > 0) return;
    const rows = demoPeople().map((person) => {
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
    await this.records.manager.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 200) await tx.insert(CivilRecordEntity, rows.slice(i, i + 200));
    });
  }
}
