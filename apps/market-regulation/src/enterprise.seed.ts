import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BUREAU_CONFIG, type BureauConfig } from '#bureau-kit';
import { demoEnterprises, demoPeople } from '#demo-data';
import { EnterpriseEntity } from './enterprise.entity.js';

/** Fills an empty register with the demo enterprises, represented by demo residents. */
@Injectable()
export class EnterpriseSeed implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(EnterpriseEntity) private readonly register: Repository<EnterpriseEntity>,
    @Inject(BUREAU_CONFIG) private readonly config: BureauConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoData || (await this.register.count()) > 0) return;
    const people = demoPeople();
    const rows = demoEnterprises().map((e) => ({
      creditCode: e.creditCode,
      seq: e.index + 1,
      name: e.name,
      status: e.status,
      registeredCapital: e.registeredCapital,
      address: e.address,
      establishedOn: e.establishedOn,
      legalRepresentativeIdNumber: people[e.legalRepresentativeIndex]!.idNumber,
    }));
    await this.register.manager.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 200) await tx.insert(EnterpriseEntity, rows.slice(i, i + 200));
    });
  }
}
