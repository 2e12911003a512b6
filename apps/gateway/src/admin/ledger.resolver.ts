import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { GatewayKeystore } from '#exchange-token';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { InvalidCursorError, ledgerStatistics, searchLedger } from '../ledger/ledger.search.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { verifyLedger } from '../ledger/ledger.verifier.js';
import type { AdminContext } from './admin.context.js';
import { LedgerFilterInput, LedgerRecord, LedgerRecordPage, LedgerStatisticsModel, LedgerVerification, PersonModel } from './ledger.models.js';
import { Roles } from './roles.decorator.js';
import { RolesGuard } from './roles.guard.js';

const MAX_PAGE = 500;

function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** The auditors' view of the ledger: search, one record, statistics, verification. Read-only. */
@Resolver()
@UseGuards(RolesGuard)
export class LedgerResolver {
  private readonly levels: string[];

  constructor(
    private readonly ledger: LedgerService,
    private readonly keystore: GatewayKeystore,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.levels = config.policies.scheme.levels.map((level) => level.name);
  }

  @Query(() => PersonModel, { description: 'who is asking, with the roles people.yaml gives them' })
  @Roles('auditor', 'officer')
  me(@Context() context: AdminContext): PersonModel {
    const { id, name, roles, department } = context.person;
    return { id, name, roles, department };
  }

  @Query(() => LedgerRecordPage, { description: 'ledger records, newest first' })
  @Roles('auditor')
  async exchanges(
    @Args('filter', { type: () => LedgerFilterInput, nullable: true }) filter: LedgerFilterInput | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<LedgerRecordPage> {
    if (first < 1 || first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}`, 'first');
    const { minLevel, ...rest } = filter ?? {};
    for (const key of ['from', 'to'] as const) {
      if (rest[key] && Number.isNaN(Date.parse(rest[key]!))) throw badInput(`${key} must be an ISO 8601 instant`, `filter.${key}`);
    }
    let minLevelRank: number | null = null;
    if (minLevel) {
      minLevelRank = this.levels.indexOf(minLevel);
      if (minLevelRank < 0) throw badInput(`unknown level ${minLevel}; levels: ${this.levels.join(', ')}`, 'filter.minLevel');
    }
    try {
      const page = await searchLedger(this.ledger.store, { ...rest, minLevelRank }, first, after);
      return { nodes: page.records.map((record) => LedgerRecord.of(record, this.levels)), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
    } catch (error) {
      if (error instanceof InvalidCursorError) throw badInput(error.message, 'after');
      throw error;
    }
  }

  @Query(() => LedgerRecord, { nullable: true, description: 'one record, by exchange id' })
  @Roles('auditor')
  async exchange(@Args('exchangeId') exchangeId: string): Promise<LedgerRecord | null> {
    const page = await searchLedger(this.ledger.store, { exchangeId }, 1, null);
    return page.records[0] ? LedgerRecord.of(page.records[0], this.levels) : null;
  }

  @Query(() => LedgerStatisticsModel, { description: 'per department pair per day, decisions, most denied and most read fields, gravest exchanges' })
  @Roles('auditor')
  async ledgerStatistics(@Args('from') from: string, @Args('to') to: string): Promise<LedgerStatisticsModel> {
    if (Number.isNaN(Date.parse(from))) throw badInput('from must be an ISO 8601 instant', 'from');
    if (Number.isNaN(Date.parse(to))) throw badInput('to must be an ISO 8601 instant', 'to');
    const statistics = await ledgerStatistics(this.ledger.store, from, to);
    return { ...statistics, gravest: statistics.gravest.map((record) => LedgerRecord.of(record, this.levels)) };
  }

  @Query(() => LedgerVerification, { description: 'chains re-computed and checkpoints checked now, against the keys this gateway publishes' })
  @Roles('auditor')
  async ledgerVerification(): Promise<LedgerVerification> {
    return verifyLedger(this.ledger.store, this.keystore.jwks());
  }
}
