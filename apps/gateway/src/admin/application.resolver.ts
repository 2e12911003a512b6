import { Inject, UseGuards } from '@nestjs/common';
import { CLOCK, type Clock } from '#config';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { ApplicationError, ApplicationService } from '../governance/application.service.js';
import type { AdminContext } from './admin.context.js';
import { ApplicationBox, ApplicationInput, ApplicationModel, ApplicationStepModel } from './application.models.js';
import { Roles } from './roles.decorator.js';
import { RolesGuard } from './roles.guard.js';

async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApplicationError) {
      throw new GraphQLError(error.message, { extensions: { code: error.code, ...(error.argument ? { argument: error.argument } : {}) } });
    }
    throw error;
  }
}

/** Conditional-sharing applications: apply, approve, refuse, withdraw; inbox, outbox and history. */
@Resolver()
@UseGuards(RolesGuard)
export class ApplicationResolver {
  constructor(
    private readonly service: ApplicationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => [ApplicationModel])
  @Roles('officer', 'administrator', 'auditor')
  async applications(
    @Context() context: AdminContext,
    @Args('box', { type: () => ApplicationBox, defaultValue: ApplicationBox.ALL }) box: ApplicationBox,
    @Args('status', { type: () => String, nullable: true }) status: string | null,
  ): Promise<ApplicationModel[]> {
    return (await this.service.list(context.person, box, status)).map((application) => ApplicationModel.of(application, this.clock.now()));
  }

  @Query(() => [ApplicationStepModel], { description: "an application's every step, from the ledger" })
  @Roles('officer', 'administrator', 'auditor')
  async applicationHistory(@Context() context: AdminContext, @Args('id') id: string): Promise<ApplicationStepModel[]> {
    if (!(await this.service.get(context.person, id))) throw new GraphQLError(`no application "${id}" you may see`, { extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
    return (await this.service.history(id)).map((step) => ApplicationStepModel.of(step));
  }

  @Mutation(() => ApplicationModel, { description: "apply, as your department's officer, for another department's conditionally shared data" })
  @Roles('officer')
  applyForData(@Context() context: AdminContext, @Args('input', { type: () => ApplicationInput }) input: ApplicationInput): Promise<ApplicationModel> {
    return answer(async () => ApplicationModel.of(await this.service.apply(context.person, input), this.clock.now()));
  }

  @Mutation(() => ApplicationModel, { description: 'approve, optionally for fewer targets or fewer days: the time-limited grants are created at once' })
  @Roles('officer', 'administrator')
  approveApplication(
    @Context() context: AdminContext,
    @Args('id') id: string,
    @Args('targets', { type: () => [String], nullable: true }) targets: string[] | null,
    @Args('days', { type: () => Int, nullable: true }) days: number | null,
  ): Promise<ApplicationModel> {
    return answer(async () => ApplicationModel.of(await this.service.approve(context.person, id, { targets, days }), this.clock.now()));
  }

  @Mutation(() => ApplicationModel, { description: 'refuse, stating the reason (required)' })
  @Roles('officer', 'administrator')
  refuseApplication(@Context() context: AdminContext, @Args('id') id: string, @Args('reason') reason: string): Promise<ApplicationModel> {
    return answer(async () => ApplicationModel.of(await this.service.refuse(context.person, id, reason), this.clock.now()));
  }

  @Mutation(() => ApplicationModel, { description: 'withdraw your department’s application before it is answered' })
  @Roles('officer')
  withdrawApplication(@Context() context: AdminContext, @Args('id') id: string): Promise<ApplicationModel> {
    return answer(async () => ApplicationModel.of(await this.service.withdraw(context.person, id), this.clock.now()));
  }
}
