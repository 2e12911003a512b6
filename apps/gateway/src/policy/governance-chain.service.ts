import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LedgerAppender, LedgerReader, type GovernanceEntry } from '#ledger';
import { PolicyStateEntity } from './policy-state.entity.js';

/**
 * The ledger chain of governance changes (grants, applications), and the one
 * owner of its lock, its records and its history. Writers serialise on the
 * policy_state row (a row lock on PostgreSQL; SQLite has one writer at a
 * time), so the chain's head is read consistently inside their transaction,
 * and a change and its record commit together or not at all.
 */
@Injectable()
export class GovernanceChain {
  static readonly NAME = 'governance';

  constructor(
    private readonly appender: LedgerAppender,
    private readonly reader: LedgerReader,
  ) {}

  /**
   * Takes the lock that serialises writers of the chain, for a record that
   * changes no grant (an application's steps); a grant change takes it by
   * updating the version row first.
   */
  async lock(manager: EntityManager): Promise<void> {
    if (this.appender.dataSource.options.type === 'postgres') {
      await manager.createQueryBuilder(PolicyStateEntity, 's').setLock('pessimistic_write').where('s.id = 1').getOne();
    }
  }

  /** Records `entry` inside the caller's transaction, which holds the lock. */
  async record(manager: EntityManager, entry: GovernanceEntry): Promise<void> {
    await this.appender.appendWithin(manager, GovernanceChain.NAME, entry);
  }

  /** Every entry of the chain, oldest first. */
  async *entries(): AsyncGenerator<GovernanceEntry> {
    for await (const record of this.reader.records({}, 1000, GovernanceChain.NAME)) yield JSON.parse(record.content) as GovernanceEntry;
  }
}
