import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { insertInChunks, seedOnce } from '#database';
import type { GovernanceEntry } from '#ledger';
import { parseGrant, type Grant } from '#policy';
import { GATEWAY_CONFIG } from '../gateway.config.js';
import { GovernanceChain } from './governance-chain.service.js';
import { GrantEntity } from './grant.entity.js';
import { notifyAtCommit } from '../database/change.listener.js';
import { PolicyStateEntity } from './policy-state.entity.js';

/** PostgreSQL NOTIFY channel on which a policy change announces its new version. */
export const POLICY_CHANNEL = 'causeway_policy';

/**
 * Grants in the gateway database, with the policy version every change
 * bumps in the same transaction. Seeded from policies/grants.yaml on first
 * start; managed in the database afterwards. Every change is recorded in
 * the ledger (who, what, before, after) in the transaction that makes it:
 * a change the ledger cannot record is not made.
 */
@Injectable()
export class PolicyStore {
  private readonly levels: readonly string[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: GovernanceChain,
    @Inject(GATEWAY_CONFIG) config: { policies: { scheme: { names: readonly string[] } } },
  ) {
    this.levels = config.policies.scheme.names;
  }

  /** Copies the seed grants in when there is no policy yet; false when there was. */
  async seedWhenEmpty(grants: readonly Grant[]): Promise<boolean> {
    return seedOnce(
      this.dataSource,
      async (manager) => (await manager.count(PolicyStateEntity)) === 0,
      async (manager) => {
        await manager.insert(PolicyStateEntity, { id: 1, version: 1 });
        const createdAt = new Date().toISOString();
        await insertInChunks(
          manager,
          GrantEntity,
          grants.map((grant) => ({ ...grant, createdAt })),
        );
        await this.chain.record(manager, change('seed', 'seed', 'grants', null, grants, 1));
      },
    );
  }

  async version(): Promise<number> {
    const state = await this.dataSource.getRepository(PolicyStateEntity).findOneBy({ id: 1 });
    return state?.version ?? 0;
  }

  /** Every grant and the version they make up, read in one transaction. */
  async read(): Promise<{ version: number; grants: Grant[] }> {
    return this.dataSource.transaction(async (manager) => {
      const state = await manager.findOneBy(PolicyStateEntity, { id: 1 });
      const rows = await manager.find(GrantEntity, { order: { id: 'ASC' } });
      return { version: state?.version ?? 0, grants: rows.map((row) => this.toGrant(row)) };
    });
  }

  /** Adds or replaces a grant on behalf of `actor`; returns the new policy version. */
  async put(grant: Grant, actor: string): Promise<number> {
    return this.dataSource.transaction((manager) => this.putWithin(manager, grant, actor));
  }

  /** Removes a grant on behalf of `actor`; returns the new policy version. */
  async revoke(id: string, actor: string): Promise<number> {
    return this.change(actor, 'revoke', id, async (manager) => {
      const before = await manager.findOneBy(GrantEntity, { id });
      await manager.delete(GrantEntity, { id });
      return { before: before ? this.toGrant(before) : null, after: null };
    });
  }

  /**
   * Replaces every grant with `grants` (a rollback to an earlier version) as
   * one new version; the ledger records the whole set before and after.
   * Null, and no version, when they are the grants in force already.
   */
  async replaceAll(grants: readonly Grant[], actor: string, subject: string): Promise<number | null> {
    const checked = grants.map((grant) => parseGrant(grant, this.levels));
    if (sameGrants((await this.read()).grants, checked)) return null;
    return this.change(actor, 'rollback', subject, async (manager) => {
      const before = (await manager.find(GrantEntity, { order: { id: 'ASC' } })).map((row) => this.toGrant(row));
      await manager.createQueryBuilder().delete().from(GrantEntity).execute();
      const createdAt = new Date().toISOString();
      await insertInChunks(
        manager,
        GrantEntity,
        checked.map((grant) => ({ ...grant, createdAt })),
      );
      return { before, after: checked };
    });
  }

  private change(
    actor: string,
    action: GovernanceEntry['action'],
    subject: string,
    apply: (manager: EntityManager) => Promise<{ before: Grant | readonly Grant[] | null; after: Grant | readonly Grant[] | null }>,
  ): Promise<number> {
    return this.dataSource.transaction((manager) => this.changeWithin(manager, actor, action, subject, apply));
  }

  /**
   * Adds or replaces a grant inside the caller's transaction (an approved
   * application: the grants, the application's answer and their records
   * commit together). Returns the new policy version.
   */
  putWithin(manager: EntityManager, grant: Grant, actor: string): Promise<number> {
    const checked = parseGrant(grant, this.levels);
    return this.changeWithin(manager, actor, 'put', checked.id, async () => {
      const before = await manager.findOneBy(GrantEntity, { id: checked.id });
      await manager.delete(GrantEntity, { id: checked.id });
      await manager.insert(GrantEntity, { ...checked, createdAt: new Date().toISOString() });
      return { before: before ? this.toGrant(before) : null, after: checked };
    });
  }

  private async changeWithin(
    manager: EntityManager,
    actor: string,
    action: GovernanceEntry['action'],
    subject: string,
    apply: (manager: EntityManager) => Promise<{ before: Grant | readonly Grant[] | null; after: Grant | readonly Grant[] | null }>,
  ): Promise<number> {
    // The version row first: its lock serialises policy changes (and the governance chain).
    await manager.increment(PolicyStateEntity, { id: 1 }, 'version', 1);
    const { before, after } = await apply(manager);
    const { version } = await manager.findOneByOrFail(PolicyStateEntity, { id: 1 });
    await this.chain.record(manager, change(actor, action, subject, before, after, version));
    await notifyAtCommit(this.dataSource, manager, POLICY_CHANNEL, String(version));
    return version;
  }

  private toGrant(row: GrantEntity): Grant {
    const { createdAt: _createdAt, ...grant } = row;
    // A row edited by hand into something invalid refuses the whole policy rather than half of it.
    return parseGrant(grant, this.levels);
  }
}

/** Whether two sets of parsed grants are the same, in any order (parseGrant gives every grant the same shape). */
function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  const text = (grants: readonly Grant[]) => JSON.stringify([...grants].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)));
  return a.length === b.length && text(a) === text(b);
}

function change(actor: string, action: GovernanceEntry['action'], subject: string, before: unknown, after: unknown, policyVersion: number): GovernanceEntry {
  return { kind: 'policy-change', exchangeId: randomUUID(), at: new Date().toISOString(), actor, action, subject, before, after, policyVersion };
}
