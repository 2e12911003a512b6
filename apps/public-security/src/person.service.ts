import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, type Repository } from 'typeorm';
import { toConnection, type Connection, type PageRequest } from '#bureau-kit';
import { PersonEntity } from './person.entity.js';

/** Person as the subgraph serves it. */
export interface PersonModel {
  idNumber: string;
  name: string;
  gender: string;
  birthDate: string;
  householdAddress: string;
  phone: string | null;
}

function toModel({ idNumber, name, gender, birthDate, householdAddress, phone }: PersonEntity): PersonModel {
  return { idNumber, name, gender, birthDate, householdAddress, phone };
}

@Injectable()
export class PersonService {
  constructor(@InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>) {}

  async findByIdNumber(idNumber: string): Promise<PersonModel | null> {
    const row = await this.people.findOneBy({ idNumber });
    return row ? toModel(row) : null;
  }

  async page(page: PageRequest): Promise<Connection<PersonModel>> {
    const [rows, total] = await Promise.all([this.people.find({ where: { seq: MoreThan(page.afterSeq) }, order: { seq: 'ASC' }, take: page.first + 1 }), this.people.count()]);
    return toConnection(rows, page, total, toModel);
  }
}
