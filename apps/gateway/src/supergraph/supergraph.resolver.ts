import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { SupergraphAdminService } from './supergraph-admin.service.js';
import { BureauChangeModel, BureauInput, BureauModel, SupergraphVersionModel } from './supergraph.models.js';

/** Bureaus and supergraph versions at /admin/graphql: administrators change them; officers and auditors read them. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class SupergraphResolver {
  constructor(private readonly service: SupergraphAdminService) {}

  @Query(() => [BureauModel], { description: 'the bureaus the gateway federates' })
  @Roles('administrator', 'officer', 'auditor')
  bureaus(): Promise<BureauModel[]> {
    return this.service.bureaus();
  }

  @Query(() => [SupergraphVersionModel], { description: 'supergraph versions, newest first, with their checks and decisions' })
  @Roles('administrator', 'officer', 'auditor')
  async supergraphVersions(@Args('last', { type: () => Int, defaultValue: 20 }) last: number): Promise<SupergraphVersionModel[]> {
    return (await this.service.versions(last)).map(SupergraphVersionModel.of);
  }

  @Mutation(() => BureauChangeModel, { description: 'register a bureau or change its URL or department: composed and checked before it is served (administrators)' })
  @Roles('administrator')
  async putBureau(@Context() context: AdminContext, @Args('input', { type: () => BureauInput }) input: BureauInput): Promise<BureauChangeModel> {
    const { registryVersion, version, served } = await this.service.putBureau(context.person, { ...input });
    return { registryVersion, supergraph: version && SupergraphVersionModel.of(version), served };
  }

  @Mutation(() => BureauChangeModel, { description: 'stop federating a bureau (administrators)' })
  @Roles('administrator')
  async removeBureau(@Context() context: AdminContext, @Args('name') name: string): Promise<BureauChangeModel> {
    const { registryVersion, version, served } = await this.service.removeBureau(context.person, name);
    return { registryVersion, supergraph: version && SupergraphVersionModel.of(version), served };
  }

  @Mutation(() => SupergraphVersionModel, { description: 'serve a pending supergraph version: an administrator other than who proposed it' })
  @Roles('administrator')
  async approveSupergraph(@Context() context: AdminContext, @Args('version', { type: () => Int }) version: number): Promise<SupergraphVersionModel> {
    return SupergraphVersionModel.of(await this.service.approve(context.person, version));
  }

  @Mutation(() => SupergraphVersionModel, { description: 'refuse a pending supergraph version, with reasons; composition does not offer it again' })
  @Roles('administrator')
  async rejectSupergraph(@Context() context: AdminContext, @Args('version', { type: () => Int }) version: number, @Args('reason') reason: string): Promise<SupergraphVersionModel> {
    return SupergraphVersionModel.of(await this.service.reject(context.person, version, reason));
  }

  @Mutation(() => SupergraphVersionModel, { description: 'serve an earlier supergraph version again, as a new version (administrators)' })
  @Roles('administrator')
  async rollbackSupergraph(@Context() context: AdminContext, @Args('toVersion', { type: () => Int }) toVersion: number): Promise<SupergraphVersionModel> {
    return SupergraphVersionModel.of(await this.service.rollback(context.person, toVersion));
  }
}
