import { Inject, UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CLOCK, type Clock } from '#config';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { ApplicationReviewService } from './application-review.service.js';
import { ApplicationModel, ReviewDecisionEnum, RulingEnum } from './application.models.js';

/** The data authority's steps (administrators): conformity review and rulings on objections. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class ApplicationReviewResolver {
  constructor(
    private readonly service: ApplicationReviewService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Mutation(() => ApplicationModel, {
    description: 'conformity review (合规性审核) of an application in review: accept it to its owner, return it for completion, or refuse it (reasons required for both)',
  })
  @Roles('administrator')
  async reviewApplication(
    @Context() context: AdminContext,
    @Args('id') id: string,
    @Args('decision', { type: () => ReviewDecisionEnum }) decision: ReviewDecisionEnum,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<ApplicationModel> {
    return ApplicationModel.of(await this.service.review(context.person, id, decision, reason), this.clock.now());
  }

  @Mutation(() => ApplicationModel, { description: 'rule on an objection to a refusal, stating the reasons' })
  @Roles('administrator')
  async ruleOnObjection(
    @Context() context: AdminContext,
    @Args('id') id: string,
    @Args('ruling', { type: () => RulingEnum }) ruling: RulingEnum,
    @Args('reason') reason: string,
  ): Promise<ApplicationModel> {
    return ApplicationModel.of(await this.service.rule(context.person, id, ruling, reason), this.clock.now());
  }
}
