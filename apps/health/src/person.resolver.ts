import { Resolver, ResolveReference } from '@nestjs/graphql';
import { HealthRecordService, type HealthPersonModel } from './health-record.service.js';

@Resolver('Person')
export class PersonResolver {
  constructor(private readonly records: HealthRecordService) {}

  @ResolveReference()
  resolveReference(reference: { idNumber: string }): Promise<HealthPersonModel> {
    return this.records.forPerson(reference.idNumber);
  }
}
