import { Inject, UseFilters, UseGuards } from '@nestjs/common';
import { CLOCK, type Clock } from '#config';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { pageAfter } from '../admin/list-page.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { CatalogEntryModel, CatalogFilterInput, GrantFilterInput, GrantInput, GrantModel, PolicyChangeModel, PolicyVersionModel } from './grant.models.js';
import { GrantService } from './grant.service.js';

/** The officers' tools over grants; the work is GrantService's. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class GrantResolver {
  constructor(
    private readonly service: GrantService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => [CatalogEntryModel], { description: 'the data catalog: every Type.field with owner, level, PII kind and sharing mode' })
  @Roles('officer', 'administrator', 'auditor')
  catalog(@Args('filter', { type: () => CatalogFilterInput, nullable: true }) filter: CatalogFilterInput | null): CatalogEntryModel[] {
    const { owner, level, pii, sharing, text } = filter ?? {};
    return this.service
      .catalog({ owner: owner ?? undefined, level: level ?? undefined, pii: pii ?? undefined, sharing: sharing ?? undefined, text: text ?? undefined })
      .map(CatalogEntryModel.of);
  }

  @Query(() => [GrantModel], { description: 'the grants that concern you (all, for administrators and auditors), by id; page with `first` and `after` (the last id of the previous page)' })
  @Roles('officer', 'administrator', 'auditor')
  async grants(
    @Context() context: AdminContext,
    @Args('filter', { type: () => GrantFilterInput, nullable: true }) filter: GrantFilterInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<GrantModel[]> {
    return pageAfter(await this.service.list(context.person, filter), first, after).map((grant) => GrantModel.of(grant, this.clock.now()));
  }

  @Mutation(() => PolicyChangeModel, { description: 'create or change a grant over data your department owns' })
  @Roles('officer', 'administrator')
  async putGrant(@Context() context: AdminContext, @Args('input', { type: () => GrantInput }) input: GrantInput): Promise<PolicyChangeModel> {
    const { version, grant, warnings } = await this.service.put(context.person, input);
    return { version, grant: GrantModel.of(grant, this.clock.now()), warnings };
  }

  @Mutation(() => PolicyChangeModel, { description: 'move the end of a grant (to a later or earlier future instant)' })
  @Roles('officer', 'administrator')
  async extendGrant(@Context() context: AdminContext, @Args('id') id: string, @Args('validUntil') validUntil: string): Promise<PolicyChangeModel> {
    const { version, grant } = await this.service.extend(context.person, id, validUntil);
    return { version, grant: GrantModel.of(grant, this.clock.now()), warnings: [] };
  }

  @Mutation(() => PolicyChangeModel, { description: 'end a grant now' })
  @Roles('officer', 'administrator')
  async revokeGrant(@Context() context: AdminContext, @Args('id') id: string): Promise<PolicyChangeModel> {
    return { version: await this.service.revoke(context.person, id), grant: null, warnings: [] };
  }

  @Query(() => [PolicyVersionModel], { description: 'policy versions, newest first, with what each changed (officers: the changes that concern them)' })
  @Roles('officer', 'administrator', 'auditor')
  async policyVersions(@Context() context: AdminContext, @Args('last', { type: () => Int, defaultValue: 20 }) last: number): Promise<PolicyVersionModel[]> {
    return (await this.service.versions(context.person, last)).map(PolicyVersionModel.of);
  }

  @Mutation(() => PolicyChangeModel, {
    description: "restore the grants of an earlier version, as a new version (administrators: every department's; officers: their own department's only)",
  })
  @Roles('officer', 'administrator')
  async rollbackPolicy(@Context() context: AdminContext, @Args('toVersion', { type: () => Int }) toVersion: number): Promise<PolicyChangeModel> {
    return { version: await this.service.rollback(context.person, toVersion), grant: null, warnings: [] };
  }
}
