import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { EnterpriseService, type EnterpriseModel } from './enterprise.service.js';

/** Market regulation's extension of Person: the enterprises a person represents. */
@Resolver('Person')
export class PersonResolver {
  constructor(private readonly register: EnterpriseService) {}

  @ResolveReference()
  resolveReference(reference: { idNumber: string }): { idNumber: string } {
    return { idNumber: reference.idNumber };
  }

  @ResolveField('representedEnterprises')
  representedEnterprises(@Parent() person: { idNumber: string }): Promise<EnterpriseModel[]> {
    return this.register.representedBy(person.idNumber);
  }
}
