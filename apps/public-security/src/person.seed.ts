import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BUREAU_CONFIG, type BureauConfig } from '#bureau-kit';
import { demoPeople } from '#demo-data';
import { PersonEntity } from './person.entity.js';

/** Fills an empty household register with the deterministic demo population. */
@Injectable()
export class PersonSeed implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
    @Inject(BUREAU_CONFIG) private readonly config: BureauConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoData || (await this.people.count()) > 0) return;
    const rows = demoPeople().map((p) => ({
      idNumber: p.idNumber,
      seq: p.index + 1,
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      householdAddress: p.householdAddress,
      phone: p.phone,
    }));
    await this.people.manager.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 200) await tx.insert(PersonEntity, rows.slice(i, i + 200));
    });
  }
}
