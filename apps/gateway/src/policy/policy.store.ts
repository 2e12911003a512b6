import type { DataSource, EntityManager } from 'typeorm';
import { insertInChunks } from '#config';
import { parseGrant, type Grant } from '#policy';
import { seedOnce } from '../database/seed-once.js';
import { GrantEntity } from './grant.entity.js';
import { PolicyStateEntity } from './policy-state.entity.js';

/** PostgreSQL NOTIFY channel on which a policy change announces its new version. */
export const POLICY_CHANNEL = 'causeway_policy';

/**
 * Grants in the gateway database, with the policy version every change
 * bumps in the same transaction. Seeded from policies/grants.yaml on first
 * start; managed in the database afterwards.
 */
export class PolicyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly levels: readonly string[],
  ) {}

  /** Copies the seed grants in when there is no policy yet; false when there was. */
  async seedWhenEmpty(grants: readonly Grant[]): Promise<boolean> {
    return seedOnce(
      this.dataSource,
      async (manager) => (await manager.count(PolicyStateEntity)) === 0,
      async (manager) => {
        await manager.insert(PolicyStateEntity, { id: 1, version: 1 });
        const createdAt = new Date().toISOString();
        await insertInChunks(manager, GrantEntity, grants.map((grant) => ({ ...grant, createdAt })));
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

  /** Adds or replaces a grant; returns the new policy version. */
  async put(grant: Grant): Promise<number> {
    const checked = parseGrant(grant, this.levels);
    return this.change(async (manager) => {
      await manager.delete(GrantEntity, { id: checked.id });
      await manager.insert(GrantEntity, { ...checked, createdAt: new Date().toISOString() });
    });
  }

  /** Removes a grant; returns the new policy version (unchanged when there was no such grant). */
  async revoke(id: string): Promise<number> {
    return this.change(async (manager) => {
      await manager.delete(GrantEntity, { id });
    });
  }

  private change(apply: (manager: EntityManager) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await apply(manager);
      await manager.increment(PolicyStateEntity, { id: 1 }, 'version', 1);
      const { version } = await manager.findOneByOrFail(PolicyStateEntity, { id: 1 });
      // PostgreSQL delivers a notification at commit, never for a rolled-back change:
      // every replica listening (PolicyChangeListener) reloads at once.
      if (this.dataSource.options.type === 'postgres') await manager.query('SELECT pg_notify($1, $2)', [POLICY_CHANNEL, String(version)]);
      return version;
    });
  }

  private toGrant(row: GrantEntity): Grant {
    const { createdAt: _createdAt, ...grant } = row;
    // A row edited by hand into something invalid refuses the whole policy rather than half of it.
    return parseGrant(grant, this.levels);
  }
}
