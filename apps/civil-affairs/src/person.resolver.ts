import { Resolver, ResolveReference } from '@nestjs/graphql';
import { CivilRecordService, type CivilPersonModel } from './civil-record.service.js';

@Resolver('Person')
export class PersonResolver {
  constructor(private readonly records: CivilRecordService) {}

  @ResolveReference()
  resolveReference(reference: { idNumber: string }): Promise<CivilPersonModel> {
    return this.records.forPerson(reference.idNumber);
  }
}
