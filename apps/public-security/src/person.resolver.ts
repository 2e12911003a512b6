import { Args, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { badUserInput, parsePageRequest } from '#bureau-kit';
import { PersonService, type PersonModel } from './person.service.js';

const ID_NUMBER = /^\d{17}[\dX]$/;

@Resolver('Person')
export class PersonResolver {
  constructor(private readonly register: PersonService) {}

  @Query('person')
  person(@Args('idNumber') idNumber: string): Promise<PersonModel | null> {
    if (!ID_NUMBER.test(idNumber)) throw badUserInput('idNumber must be 17 digits followed by a digit or X', 'idNumber');
    return this.register.findByIdNumber(idNumber);
  }

  @Query('people')
  people(@Args('first') first: number | null, @Args('after') after: string | null) {
    return this.register.page(parsePageRequest(first, after));
  }

  @ResolveReference()
  resolveReference(reference: { idNumber: string }): Promise<PersonModel | null> {
    return this.register.findByIdNumber(reference.idNumber);
  }
}
