import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BUREAU_CONFIG, insertInChunks, seedWhenEmpty, type BureauConfig } from '#bureau-kit';
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
    await seedWhenEmpty(this.config, this.register, (tx) => insertInChunks(tx, EnterpriseEntity, this.rows()));
  }

  private rows() {
    const people = demoPeople();
    return demoEnterprises().map((e) => ({
      creditCode: e.creditCode,
      seq: e.index + 1,
      name: e.name,
      status: e.status,
      registeredCapital: e.registeredCapital,
      address: e.address,
      establishedOn: e.establishedOn,
      legalRepresentativeIdNumber: people[e.legalRepresentativeIndex]!.idNumber,
    }));
  }
}
