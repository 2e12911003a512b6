import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BUREAU_CONFIG, insertInChunks, seedWhenEmpty, type BureauConfig } from '#bureau-kit';
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
    await seedWhenEmpty(this.config, this.records, async (tx) => {
      const { records, doses } = this.rows();
      await insertInChunks(tx, HealthRecordEntity, records);
      await insertInChunks(tx, VaccinationEntity, doses);
    });
  }

  private rows() {
    const files = demoPeople().map(demoHealthRecord);
    const records = files.map((file) => ({
      idNumber: file.idNumber,
      insuranceStatus: file.insurance.status,
      insuranceScheme: file.insurance.scheme,
      chronicConditions: JSON.stringify(file.chronicConditions),
    }));
    const doses = files.flatMap((file) => file.vaccinations.map((v) => ({ idNumber: file.idNumber, vaccine: v.vaccine, dose: v.dose, administeredOn: v.date })));
    return { records, doses };
  }
}
