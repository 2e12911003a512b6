import { Inject, UseFilters, UseGuards } from '@nestjs/common';
import { Context, Query, Resolver } from '@nestjs/graphql';
import { DataSource, In } from 'typeorm';
import { CLOCK, type Clock } from '#config';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { CorrectionReportEntity } from '../corrections/correction-report.entity.js';
import { WorkflowSummaryModel } from './application.models.js';
import { applicationVisible, visibleIn } from './application.service.js';
import { DUE_STATUSES, SharingApplicationEntity } from './sharing-application.entity.js';

/** What waits on whom in the sharing workflow, counted in the asker's scope. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class WorkflowResolver {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => WorkflowSummaryModel, { description: 'applications and correction reports waiting, by stage, and how many are overdue' })
  @Roles('officer', 'administrator', 'auditor')
  async workflowSummary(@Context() context: AdminContext): Promise<WorkflowSummaryModel> {
    const now = this.clock.now();
    const applications = (await this.dataSource.getRepository(SharingApplicationEntity).findBy({ status: In([...DUE_STATUSES]) })).filter((application) =>
      applicationVisible(context.person, application, 'ALL'),
    );
    const corrections = (await this.dataSource.getRepository(CorrectionReportEntity).findBy({ status: 'OPEN' })).filter((report) => visibleIn(context.person, report, 'ALL'));
    const count = (status: string) => applications.filter((application) => application.status === status).length;
    return Object.assign(new WorkflowSummaryModel(), {
      inReview: count('IN_REVIEW'),
      pending: count('PENDING'),
      objected: count('OBJECTED'),
      correctionsOpen: corrections.length,
      overdue: [...applications, ...corrections].filter((item) => Date.parse(item.dueAt) < now).length,
    });
  }
}
