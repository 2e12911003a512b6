import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import type { LedgerRecordEntity } from '#ledger';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { LedgerFilterInput, LedgerRecord, LedgerRecordPage, LedgerStatisticsModel } from './audit.models.js';
import { AuditService } from './audit.service.js';

/** The auditors' view of the ledger: search, one record, statistics. Read-only. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => LedgerRecordPage, { description: 'ledger records, newest first' })
  @Roles('auditor')
  async exchanges(
    @Args('filter', { type: () => LedgerFilterInput, nullable: true }) filter: LedgerFilterInput | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<LedgerRecordPage> {
    const page = await this.audit.search(filter, first, after);
    return { nodes: page.records.map((record) => this.model(record)), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }

  @Query(() => LedgerRecord, { nullable: true, description: 'one record, by exchange id' })
  @Roles('auditor')
  async exchange(@Args('exchangeId') exchangeId: string): Promise<LedgerRecord | null> {
    const record = await this.audit.byExchangeId(exchangeId);
    return record ? this.model(record) : null;
  }

  @Query(() => LedgerStatisticsModel, { description: 'per department pair per day, decisions, most denied and most read fields, gravest exchanges' })
  @Roles('auditor')
  async ledgerStatistics(@Args('from') from: string, @Args('to') to: string): Promise<LedgerStatisticsModel> {
    const statistics = await this.audit.statistics(from, to);
    return { ...statistics, gravest: statistics.gravest.map((record) => this.model(record)) };
  }

  private model(record: LedgerRecordEntity): LedgerRecord {
    return LedgerRecord.of(record, this.audit.levelName(record.maxLevelRank));
  }
}
