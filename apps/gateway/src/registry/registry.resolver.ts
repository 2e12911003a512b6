import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { RegistryAdminService } from './registry-admin.service.js';
import { PersonModel } from '../admin/person.model.js';
import { IssuerInput, IssuerModel, PersonInput, PurposeModel, RegistryChangeModel, SystemInput, SystemModel } from './registry.models.js';

/** The registry of calling systems and purposes at /admin/graphql: administrators change it; officers and auditors read it. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class RegistryResolver {
  constructor(private readonly service: RegistryAdminService) {}

  @Query(() => [SystemModel], { description: 'the registered calling systems' })
  @Roles('administrator', 'officer', 'auditor')
  async systems(): Promise<SystemModel[]> {
    return (await this.service.systems()).map(SystemModel.of);
  }

  @Query(() => [PurposeModel], { description: 'the registered purposes' })
  @Roles('administrator', 'officer', 'auditor')
  async purposes(): Promise<PurposeModel[]> {
    return this.service.purposes();
  }

  @Mutation(() => RegistryChangeModel, { description: 'register a calling system, or change one (administrators)' })
  @Roles('administrator')
  async putSystem(@Context() context: AdminContext, @Args('input', { type: () => SystemInput }) input: SystemInput): Promise<RegistryChangeModel> {
    return { version: await this.service.putSystem(context.person, input) };
  }

  @Mutation(() => RegistryChangeModel, { description: 'remove a calling system: refused on every replica from then on (administrators)' })
  @Roles('administrator')
  async removeSystem(@Context() context: AdminContext, @Args('id') id: string): Promise<RegistryChangeModel> {
    return { version: await this.service.removeSystem(context.person, id) };
  }

  @Mutation(() => RegistryChangeModel, { description: 'register a purpose, or change its description (administrators)' })
  @Roles('administrator')
  async putPurpose(@Context() context: AdminContext, @Args('name') name: string, @Args('description') description: string): Promise<RegistryChangeModel> {
    return { version: await this.service.putPurpose(context.person, name, description) };
  }

  @Mutation(() => RegistryChangeModel, { description: 'remove a purpose no system declares any more (administrators)' })
  @Roles('administrator')
  async removePurpose(@Context() context: AdminContext, @Args('name') name: string): Promise<RegistryChangeModel> {
    return { version: await this.service.removePurpose(context.person, name) };
  }

  @Query(() => [PersonModel], { description: 'the people of the admin API and their roles' })
  @Roles('administrator', 'auditor')
  async people(): Promise<PersonModel[]> {
    return (await this.service.people()).map(PersonModel.of);
  }

  @Mutation(() => RegistryChangeModel, { description: 'register a person or change their roles, department or issuer (administrators)' })
  @Roles('administrator')
  async putPerson(@Context() context: AdminContext, @Args('input', { type: () => PersonInput }) input: PersonInput): Promise<RegistryChangeModel> {
    return { version: await this.service.putPerson(context.person, input) };
  }

  @Mutation(() => RegistryChangeModel, { description: 'remove a person: their tokens are refused from their next request on (administrators)' })
  @Roles('administrator')
  async removePerson(@Context() context: AdminContext, @Args('id') id: string): Promise<RegistryChangeModel> {
    return { version: await this.service.removePerson(context.person, id) };
  }

  @Query(() => [IssuerModel], { description: 'the OIDC issuers the gateway trusts' })
  @Roles('administrator', 'auditor')
  async issuers(): Promise<IssuerModel[]> {
    return (await this.service.issuers()).map(IssuerModel.of);
  }

  @Mutation(() => RegistryChangeModel, { description: 'trust an OIDC issuer, or change what it may vouch for (administrators)' })
  @Roles('administrator')
  async putIssuer(@Context() context: AdminContext, @Args('input', { type: () => IssuerInput }) input: IssuerInput): Promise<RegistryChangeModel> {
    return { version: await this.service.putIssuer(context.person, input) };
  }

  @Mutation(() => RegistryChangeModel, { description: 'stop trusting an OIDC issuer: its tokens are refused from the next request on (administrators)' })
  @Roles('administrator')
  async removeIssuer(@Context() context: AdminContext, @Args('issuer') issuer: string): Promise<RegistryChangeModel> {
    return { version: await this.service.removeIssuer(context.person, issuer) };
  }
}
