import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BUREAU_CONFIG, type BureauConfig } from '#bureau-kit';
import { demoHealthRecord, demoPeople } from '#demo-data';
import { HealthRecordEntity } from './health-record.entity.js';
import { VaccinationEntity } from './vaccination.entity.js';

/** Fills an empty store with the health files of the demo population. */
@Injectable()
export class HealthRecordSeed implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(HealthRecordEntity) private readonly records: Repository<HealthRecordEntity>,
    @Inject(BUREAU_CONFIG) private readonly config: BureauConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoData || (await this.records.count()) > 0) return;
    const files = demoPeople().map(demoHealthRecord);
    const records = files.map((file) => ({
      idNumber: file.idNumber,
      insuranceStatus: file.insurance.status,
      insuranceScheme: file.insurance.scheme,
      chronicConditions: JSON.stringify(file.chronicConditions),
    }));
    const doses = files.flatMap((file) =>
      file.vaccinations.map((v) => ({ idNumber: file.idNumber, vaccine: v.vaccine, dose: v.dose, administeredOn: v.date })),
    );
    await this.records.manager.transaction(async (tx) => {
      for (let i = 0; i < records.length; i += 200) await tx.insert(HealthRecordEntity, records.slice(i, i + 200));
      for (let i = 0; i < doses.length; i += 200) await tx.insert(VaccinationEntity, doses.slice(i, i + 200));
    });
  }
}
