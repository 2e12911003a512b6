import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminError } from '../admin/admin.error.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { AuditService } from './audit.service.js';
import { OwnerUsageModel } from './owner-usage.models.js';

/**
 * Who reads a department's data: its officers see their own department's
 * (the `owner` argument may be left out), auditors any department's.
 */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class OwnerUsageResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => OwnerUsageModel, { description: "who read an owner department's fields in [from, to): per system, purpose, field and day, and the gravest exchanges" })
  @Roles('officer', 'auditor')
  async ownerUsage(
    @Context() context: AdminContext,
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('owner', { type: () => String, nullable: true }) owner: string | null,
  ): Promise<OwnerUsageModel> {
    const person = context.person;
    const auditor = person.roles.includes('auditor');
    const target = owner ?? (auditor ? null : person.department);
    if (!target) throw AdminError.badInput('name the owner department', 'owner');
    if (!auditor && target !== person.department) throw AdminError.forbidden(`officers see the usage of their own department's data (${person.department}) only`);
    const usage = await this.audit.ownerUsage(target, from, to);
    return {
      owner: target,
      reads: usage.reads,
      gravest: usage.gravest.map(({ fields, ...exchange }) => ({
        ...exchange,
        fields: fields.map((field) => ({ coordinate: field.coordinate, level: this.audit.levelName(field.levelRank), outcome: field.outcome })),
      })),
    };
  }
}
