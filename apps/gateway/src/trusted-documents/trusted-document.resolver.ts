import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { RegisteredOperationModel } from './trusted-document.models.js';
import { TrustedDocumentService } from './trusted-document.service.js';

/** Trusted documents through the admin API; the work is TrustedDocumentService's. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class TrustedDocumentResolver {
  constructor(private readonly service: TrustedDocumentService) {}

  @Query(() => [RegisteredOperationModel], { description: "the operations registered for a calling system (your department's systems, for officers)" })
  @Roles('officer', 'administrator')
  async registeredOperations(@Context() context: AdminContext, @Args('system') system: string): Promise<RegisteredOperationModel[]> {
    return (await this.service.list(context.person, system)).map(RegisteredOperationModel.of);
  }

  @Mutation(() => RegisteredOperationModel, { description: 'register an operation for a calling system; it may then send it by hash' })
  @Roles('officer', 'administrator')
  async registerOperation(
    @Context() context: AdminContext,
    @Args('system') system: string,
    @Args('name') name: string,
    @Args('document') document: string,
  ): Promise<RegisteredOperationModel> {
    return RegisteredOperationModel.of(await this.service.register(context.person, system, name, document));
  }

  @Mutation(() => Boolean, { description: 'remove a registered operation; false when there was none' })
  @Roles('officer', 'administrator')
  revokeOperation(@Context() context: AdminContext, @Args('system') system: string, @Args('hash') hash: string): Promise<boolean> {
    return this.service.revoke(context.person, system, hash);
  }

  @Mutation(() => Boolean, { description: 'serve a calling system its registered operations only (true), or any valid operation (false)' })
  @Roles('officer', 'administrator')
  async setRegisteredOperationsOnly(@Context() context: AdminContext, @Args('system') system: string, @Args('only') only: boolean): Promise<boolean> {
    await this.service.setRegisteredOnly(context.person, system, only);
    return only;
  }
}
