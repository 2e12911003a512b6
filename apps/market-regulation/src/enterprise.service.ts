import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, type Repository } from 'typeorm';
import { toConnection, type Connection, type PageRequest } from '#bureau-kit';
import { EnterpriseEntity } from './enterprise.entity.js';

/** Enterprise as the subgraph serves it; the legal representative is a Person reference. */
export interface EnterpriseModel {
  creditCode: string;
  name: string;
  status: string;
  registeredCapital: number;
  address: string;
  establishedOn: string;
  legalRepresentative: { __typename: 'Person'; idNumber: string };
}

function toModel(row: EnterpriseEntity): EnterpriseModel {
  return {
    creditCode: row.creditCode,
    name: row.name,
    status: row.status,
    registeredCapital: Number(row.registeredCapital),
    address: row.address,
    establishedOn: row.establishedOn,
    legalRepresentative: { __typename: 'Person', idNumber: row.legalRepresentativeIdNumber },
  };
}

@Injectable()
export class EnterpriseService {
  constructor(@InjectRepository(EnterpriseEntity) private readonly register: Repository<EnterpriseEntity>) {}

  async findByCreditCode(creditCode: string): Promise<EnterpriseModel | null> {
    const row = await this.register.findOneBy({ creditCode });
    return row ? toModel(row) : null;
  }

  async page(page: PageRequest): Promise<Connection<EnterpriseModel>> {
    const [rows, total] = await Promise.all([this.register.find({ where: { seq: MoreThan(page.afterSeq) }, order: { seq: 'ASC' }, take: page.first + 1 }), this.register.count()]);
    return toConnection(rows, page, total, toModel);
  }

  async representedBy(idNumber: string): Promise<EnterpriseModel[]> {
    const rows = await this.register.find({ where: { legalRepresentativeIdNumber: idNumber }, order: { seq: 'ASC' } });
    return rows.map(toModel);
  }
}
