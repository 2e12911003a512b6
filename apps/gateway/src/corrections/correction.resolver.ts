import { Inject, UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CLOCK, type Clock } from '#config';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminError } from '../admin/admin.error.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { pageAfter } from '../admin/list-page.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { ApplicationBox } from '../governance/application.models.js';
import { CorrectionInput, CorrectionModel } from './correction.models.js';
import { CorrectionService } from './correction.service.js';

/** Correction reports through the admin API: officers file and handle them, everyone in scope reads them. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class CorrectionResolver {
  constructor(
    private readonly service: CorrectionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => [CorrectionModel], {
    description: 'INBOX: reports on your department’s data; OUTBOX: your department’s reports; newest first, paged with `first` and `after` (the last id of the previous page)',
  })
  @Roles('officer', 'administrator', 'auditor')
  async corrections(
    @Context() context: AdminContext,
    @Args('box', { type: () => ApplicationBox, defaultValue: ApplicationBox.ALL }) box: ApplicationBox,
    @Args('status', { type: () => String, nullable: true }) status: string | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<CorrectionModel[]> {
    return pageAfter(await this.service.list(context.person, box, status), first, after).map((report) => CorrectionModel.of(report, this.clock.now()));
  }

  @Mutation(() => CorrectionModel, { description: "report, as an officer, a wrong value served in one of your department's exchanges" })
  @Roles('officer')
  async fileCorrection(@Context() context: AdminContext, @Args('input', { type: () => CorrectionInput }) input: CorrectionInput): Promise<CorrectionModel> {
    const { person } = context;
    if (!person.department) throw AdminError.forbidden('Only a department’s officer files a correction report.');
    return CorrectionModel.of(await this.service.file({ id: person.id, kind: 'PERSON', department: person.department }, input), this.clock.now());
  }

  @Mutation(() => CorrectionModel, { description: 'mark (or unmark) the field of an open report on your data as under objection: consumers see the mark' })
  @Roles('officer', 'administrator')
  async markObjection(@Context() context: AdminContext, @Args('id') id: string, @Args('marked', { defaultValue: true }) marked: boolean): Promise<CorrectionModel> {
    return CorrectionModel.of(await this.service.mark(context.person, id, marked), this.clock.now());
  }

  @Mutation(() => CorrectionModel, { description: 'accept a report: the value was corrected at the source; say what was done' })
  @Roles('officer', 'administrator')
  async acceptCorrection(@Context() context: AdminContext, @Args('id') id: string, @Args('outcome') outcome: string): Promise<CorrectionModel> {
    return CorrectionModel.of(await this.service.accept(context.person, id, outcome), this.clock.now());
  }

  @Mutation(() => CorrectionModel, { description: 'reject a report, stating the reasons' })
  @Roles('officer', 'administrator')
  async rejectCorrection(@Context() context: AdminContext, @Args('id') id: string, @Args('reason') reason: string): Promise<CorrectionModel> {
    return CorrectionModel.of(await this.service.reject(context.person, id, reason), this.clock.now());
  }
}
