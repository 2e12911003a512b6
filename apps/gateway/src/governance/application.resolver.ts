import { Inject, UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CLOCK, type Clock } from '#config';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { pageAfter } from '../admin/list-page.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { ApplicationAnswerService } from './application-answer.service.js';
import { ApplicationBox, ApplicationInput, ApplicationModel, ApplicationStepModel, GrantConditionsInput } from './application.models.js';
import { ApplicationService } from './application.service.js';
import type { SharingApplicationEntity } from './sharing-application.entity.js';

/** Conditional-sharing applications, the applicant's and the owner's steps: apply, complete, renew, withdraw, object; approve or refuse; inbox, outbox and history. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class ApplicationResolver {
  constructor(
    private readonly service: ApplicationService,
    private readonly answers: ApplicationAnswerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => [ApplicationModel], { description: 'newest first; page with `first` and `after` (the last id of the previous page)' })
  @Roles('officer', 'administrator', 'auditor')
  async applications(
    @Context() context: AdminContext,
    @Args('box', { type: () => ApplicationBox, defaultValue: ApplicationBox.ALL }) box: ApplicationBox,
    @Args('status', { type: () => String, nullable: true }) status: string | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ApplicationModel[]> {
    return pageAfter(await this.service.list(context.person, box, status), first, after).map((application) => this.model(application));
  }

  @Query(() => [ApplicationStepModel], { description: "an application's every step, from the ledger" })
  @Roles('officer', 'administrator', 'auditor')
  async applicationHistory(@Context() context: AdminContext, @Args('id') id: string): Promise<ApplicationStepModel[]> {
    return (await this.service.history(context.person, id)).map((step) => ApplicationStepModel.of(step));
  }

  @Mutation(() => ApplicationModel, { description: "apply, as your department's officer, for another department's conditionally shared data: the data authority reviews it first" })
  @Roles('officer')
  async applyForData(@Context() context: AdminContext, @Args('input', { type: () => ApplicationInput }) input: ApplicationInput): Promise<ApplicationModel> {
    return this.model(await this.service.apply(context.person, input));
  }

  @Mutation(() => ApplicationModel, { description: 'complete an application the data authority returned, and send it back to review' })
  @Roles('officer')
  async resubmitApplication(@Context() context: AdminContext, @Args('id') id: string, @Args('input', { type: () => ApplicationInput }) input: ApplicationInput): Promise<ApplicationModel> {
    return this.model(await this.service.resubmit(context.person, id, input));
  }

  @Mutation(() => ApplicationModel, { description: 'apply to renew (续期) a grant your department holds, before it lapses; its owner answers' })
  @Roles('officer')
  async applyForRenewal(
    @Context() context: AdminContext,
    @Args('grantId') grantId: string,
    @Args('days', { type: () => Int }) days: number,
    @Args('basis') basis: string,
  ): Promise<ApplicationModel> {
    return this.model(await this.service.renew(context.person, grantId, days, basis));
  }

  @Mutation(() => ApplicationModel, { description: 'approve, optionally for fewer targets or days and with conditions: the time-limited grants are created (or renewed) at once' })
  @Roles('officer', 'administrator')
  async approveApplication(
    @Context() context: AdminContext,
    @Args('id') id: string,
    @Args('targets', { type: () => [String], nullable: true }) targets: string[] | null,
    @Args('days', { type: () => Int, nullable: true }) days: number | null,
    @Args('conditions', { type: () => GrantConditionsInput, nullable: true }) conditions: GrantConditionsInput | null,
  ): Promise<ApplicationModel> {
    return this.model(await this.answers.approve(context.person, id, { targets, days }, conditions));
  }

  @Mutation(() => ApplicationModel, { description: 'refuse, stating the reasons (required)' })
  @Roles('officer', 'administrator')
  async refuseApplication(@Context() context: AdminContext, @Args('id') id: string, @Args('reason') reason: string): Promise<ApplicationModel> {
    return this.model(await this.answers.refuse(context.person, id, reason));
  }

  @Mutation(() => ApplicationModel, { description: 'object, once, to a refusal of your department’s application: the data authority rules' })
  @Roles('officer')
  async objectToRefusal(@Context() context: AdminContext, @Args('id') id: string, @Args('objection') objection: string): Promise<ApplicationModel> {
    return this.model(await this.service.object(context.person, id, objection));
  }

  @Mutation(() => ApplicationModel, { description: 'withdraw your department’s application before it is answered' })
  @Roles('officer')
  async withdrawApplication(@Context() context: AdminContext, @Args('id') id: string): Promise<ApplicationModel> {
    return this.model(await this.service.withdraw(context.person, id));
  }

  /** An application as officers see it now (overdue by the clock). */
  private model(application: SharingApplicationEntity): ApplicationModel {
    return ApplicationModel.of(application, this.clock.now());
  }
}
