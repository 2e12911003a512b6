import { Args, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { badUserInput, parsePageRequest } from '#bureau-kit';
import { EnterpriseService, type EnterpriseModel } from './enterprise.service.js';

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

@Resolver('Enterprise')
export class EnterpriseResolver {
  constructor(private readonly register: EnterpriseService) {}

  @Query('enterprise')
  enterprise(@Args('creditCode') creditCode: string): Promise<EnterpriseModel | null> {
    if (!CREDIT_CODE.test(creditCode)) {
      throw badUserInput('creditCode must be 18 characters of the unified social credit code alphabet', 'creditCode');
    }
    return this.register.findByCreditCode(creditCode);
  }

  @Query('enterprises')
  enterprises(@Args('first') first: number | null, @Args('after') after: string | null) {
    return this.register.page(parsePageRequest(first, after));
  }

  @ResolveReference()
  resolveReference(reference: { creditCode: string }): Promise<EnterpriseModel | null> {
    return this.register.findByCreditCode(reference.creditCode);
  }
}
