import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CivilRecordEntity } from './civil-record.entity.js';

/** The civil affairs part of a Person, as the subgraph serves it. */
export interface CivilPersonModel {
  idNumber: string;
  maritalStatus: string | null;
  subsistenceAllowance: { status: string; monthlyAmount: number; since: string } | null;
  disabilityCertificate: { certificateNumber: string; category: string; grade: number } | null;
}

function toModel(idNumber: string, row: CivilRecordEntity | null): CivilPersonModel {
  if (!row) return { idNumber, maritalStatus: null, subsistenceAllowance: null, disabilityCertificate: null };
  return {
    idNumber,
    maritalStatus: row.maritalStatus,
    subsistenceAllowance:
      row.allowanceStatus && row.allowanceMonthlyAmount !== null && row.allowanceSince
        ? { status: row.allowanceStatus, monthlyAmount: row.allowanceMonthlyAmount, since: row.allowanceSince }
        : null,
    disabilityCertificate:
      row.disabilityCertificateNumber && row.disabilityCategory && row.disabilityGrade !== null
        ? { certificateNumber: row.disabilityCertificateNumber, category: row.disabilityCategory, grade: row.disabilityGrade }
        : null,
  };
}

@Injectable()
export class CivilRecordService {
  constructor(@InjectRepository(CivilRecordEntity) private readonly records: Repository<CivilRecordEntity>) {}

  /** A person this bureau has no file on still resolves, with every field null. */
  async forPerson(idNumber: string): Promise<CivilPersonModel> {
    return toModel(idNumber, await this.records.findOneBy({ idNumber }));
  }
}
