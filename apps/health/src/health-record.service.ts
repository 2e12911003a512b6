import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { HealthRecordEntity } from './health-record.entity.js';
import { VaccinationEntity } from './vaccination.entity.js';

/** The health part of a Person, as the subgraph serves it. */
export interface HealthPersonModel {
  idNumber: string;
  medicalInsurance: { status: string; scheme: string | null } | null;
  vaccinations: Array<{ vaccine: string; dose: number; date: string }>;
  chronicConditions: string[];
}

@Injectable()
export class HealthRecordService {
  constructor(
    @InjectRepository(HealthRecordEntity) private readonly records: Repository<HealthRecordEntity>,
    @InjectRepository(VaccinationEntity) private readonly vaccinations: Repository<VaccinationEntity>,
  ) {}

  /** A person this bureau has no file on still resolves, with empty or null fields. */
  async forPerson(idNumber: string): Promise<HealthPersonModel> {
    const [record, doses] = await Promise.all([this.records.findOneBy({ idNumber }), this.vaccinations.find({ where: { idNumber }, order: { administeredOn: 'ASC', dose: 'ASC' } })]);
    return {
      idNumber,
      medicalInsurance: record ? { status: record.insuranceStatus, scheme: record.insuranceScheme } : null,
      vaccinations: doses.map((dose) => ({ vaccine: dose.vaccine, dose: dose.dose, date: dose.administeredOn })),
      chronicConditions: record ? (JSON.parse(record.chronicConditions) as string[]) : [],
    };
  }
}
