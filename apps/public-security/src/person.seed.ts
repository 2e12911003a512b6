import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BUREAU_CONFIG, insertInChunks, seedWhenEmpty, type BureauConfig } from '#bureau-kit';
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
    await seedWhenEmpty(this.config, this.people, (tx) => insertInChunks(tx, PersonEntity, this.rows()));
  }

  private rows() {
    return demoPeople().map((p) => ({
      idNumber: p.idNumber,
      seq: p.index + 1,
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      householdAddress: p.householdAddress,
      phone: p.phone,
    }));
  }
}
