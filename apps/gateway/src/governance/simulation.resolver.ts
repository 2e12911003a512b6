import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { GrantInput } from './grant.models.js';
import { ImpactModel, SimulatedFieldModel } from './simulation.models.js';
import { SimulationService } from './simulation.service.js';

/** What-if questions over the live policy and the recorded exchanges; nothing is saved. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class SimulationResolver {
  constructor(private readonly service: SimulationService) {}

  @Query(() => [SimulatedFieldModel], {
    description:
      'every field an operation selects, decided for a caller (a system, or a department and clearance) and purpose by the live policy (with `put`: as if that grant were saved), without fetching data',
  })
  @Roles('officer', 'administrator', 'auditor')
  simulate(
    @Context() context: AdminContext,
    @Args('purpose') purpose: string,
    @Args('operation') operation: string,
    @Args('system', { type: () => String, nullable: true }) system: string | null,
    @Args('department', { type: () => String, nullable: true }) department: string | null,
    @Args('clearance', { type: () => String, nullable: true }) clearance: string | null,
    @Args('operationName', { type: () => String, nullable: true }) operationName: string | null,
    @Args('put', { type: () => GrantInput, nullable: true, description: 'a grant to decide as if saved (checked as a save would be; officers: over their own data)' }) put: GrantInput | null,
  ): Promise<SimulatedFieldModel[]> {
    return this.service.simulate({ purpose, system, department, clearance }, operation, operationName, put ? { person: context.person, put } : undefined);
  }

  @Query(() => ImpactModel, { description: 'a proposed grant or revocation (not saved) replayed against the exchanges of the last days' })
  @Roles('officer', 'administrator')
  impact(
    @Context() context: AdminContext,
    @Args('put', { type: () => GrantInput, nullable: true }) put: GrantInput | null,
    @Args('revoke', { type: () => String, nullable: true }) revoke: string | null,
    @Args('days', { type: () => Int, defaultValue: 30 }) days: number,
  ): Promise<ImpactModel> {
    return this.service.impact(context.person, { put, revoke }, days);
  }
}
