import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { CatalogChanges } from '#catalog';
import { LedgerAppender, type GovernanceEntry } from '#ledger';
import { notifyAtCommit } from '../database/change.listener.js';
import { BureauEntity } from '../registry/bureau.entity.js';
import { PersonEntity } from '../registry/person.entity.js';
import { lockRegistryChain, recordRegistryChange } from '../registry/registry-change.js';
import { SupergraphStateEntity, SupergraphVersionEntity } from './supergraph-version.entity.js';

/** PostgreSQL NOTIFY channel on which a supergraph activation announces itself. */
export const SUPERGRAPH_CHANNEL = 'causeway_supergraph';

export type SupergraphVersionStatus = 'ACTIVE' | 'PENDING' | 'SUPERSEDED' | 'REJECTED' | 'WITHDRAWN';

/** What offered a candidate when no person did. */
export const AUTOMATIC_PROPOSERS = ['composition', 'file'] as const;

export type SupergraphChecks = CatalogChanges & { bureaus: string[] };

export interface SupergraphCandidate {
  sdl: string;
  hash: string;
  source: 'composition' | 'file';
  /** A person's id, or `composition` / `file`. */
  proposedBy: string;
  /** The checks against the version active when the candidate is offered (read under the lock, so no replica checks against a stale graph). */
  checks: (active: SupergraphVersionEntity | null) => SupergraphChecks;
}

/** A refused decision about a supergraph version (its state, or who asks). */
export class SupergraphDecisionError extends Error {
  constructor(
    message: string,
    readonly argument: string,
    readonly forbidden = false,
  ) {
    super(message);
  }
}

/**
 * Supergraph versions in the gateway database, one of them ACTIVE: the graph
 * every replica serves. A candidate that loosens governance (a level
 * lowered, sharing loosened, a PII kind removed, an owner changed) waits as
 * PENDING for an administrator other than who proposed it; anything else
 * becomes ACTIVE at once. Every decision is recorded on the registry chain
 * in its transaction and, on PostgreSQL, announced by NOTIFY at commit.
 */
@Injectable()
export class SupergraphStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerAppender,
  ) {}

  async active(): Promise<SupergraphVersionEntity | null> {
    return this.dataSource.manager.findOneBy(SupergraphVersionEntity, { status: 'ACTIVE' });
  }

  /** The active version's number and hash, for replicas polling cheaply. */
  async activeHash(): Promise<{ version: number; hash: string } | null> {
    return this.dataSource.manager.findOne(SupergraphVersionEntity, { select: { version: true, hash: true }, where: { status: 'ACTIVE' } });
  }

  async list(last: number): Promise<SupergraphVersionEntity[]> {
    return this.dataSource.manager.find(SupergraphVersionEntity, { order: { version: 'DESC' }, take: last });
  }

  /**
   * Offers a candidate: the active version when it is the graph already
   * served, the pending one when it already waits; null when it is a graph
   * an administrator rejected or rolled back and nobody in person offers it
   * again. Otherwise a new version, ACTIVE or PENDING.
   */
  async offer(candidate: SupergraphCandidate): Promise<SupergraphVersionEntity | null> {
    return this.locked(async (manager, next) => {
      const active = await manager.findOneBy(SupergraphVersionEntity, { status: 'ACTIVE' });
      if (active?.hash === candidate.hash) return active;
      const known = await manager.find(SupergraphVersionEntity, { where: { hash: candidate.hash, status: In(['PENDING', 'REJECTED', 'WITHDRAWN']) }, order: { version: 'DESC' } });
      const pending = known.find((row) => row.status === 'PENDING');
      if (pending) return pending;
      if (known.length > 0 && (AUTOMATIC_PROPOSERS as readonly string[]).includes(candidate.proposedBy)) return null;
      const checks = candidate.checks(active);
      const status: SupergraphVersionStatus = active && checks.loosened.length > 0 ? 'PENDING' : 'ACTIVE';
      const now = new Date().toISOString();
      const row: SupergraphVersionEntity = {
        version: await next(),
        hash: candidate.hash,
        sdl: candidate.sdl,
        source: candidate.source,
        status,
        checks,
        proposedBy: candidate.proposedBy,
        decidedBy: null,
        reason: null,
        createdAt: now,
        activatedAt: status === 'ACTIVE' ? now : null,
      };
      if (status === 'ACTIVE') await this.supersede(manager, active, 'SUPERSEDED');
      await manager.insert(SupergraphVersionEntity, row);
      await this.record(manager, candidate.proposedBy, status === 'ACTIVE' ? 'put' : 'apply', row, active);
      if (status === 'ACTIVE') await this.announce(manager, row.version);
      return row;
    });
  }

  /**
   * Activates a pending version. The approver must be another person than
   * who proposed it, than who registered or changed a bureau since the
   * active version (a change composition offered on their behalf), and than
   * who registered the approver (a second identity is not a second person).
   */
  async approve(version: number, actor: string): Promise<SupergraphVersionEntity> {
    return this.locked(async (manager) => {
      const row = await this.pending(manager, version);
      const active = await manager.findOneBy(SupergraphVersionEntity, { status: 'ACTIVE' });
      await this.mayApprove(manager, row, active, actor);
      await this.supersede(manager, active, 'SUPERSEDED');
      const activated = { ...row, status: 'ACTIVE', decidedBy: actor, activatedAt: new Date().toISOString() };
      await manager.update(SupergraphVersionEntity, { version }, { status: 'ACTIVE', decidedBy: actor, activatedAt: activated.activatedAt });
      await this.record(manager, actor, 'approve', activated, active);
      await this.announce(manager, version);
      return activated;
    });
  }

  private async mayApprove(manager: EntityManager, row: SupergraphVersionEntity, active: SupergraphVersionEntity | null, actor: string): Promise<void> {
    const refuse = (why: string) => new SupergraphDecisionError(`version ${row.version} ${why}: another administrator must approve it`, 'version', true);
    if (row.proposedBy === actor) throw refuse(`was proposed by ${actor}`);
    const since = active?.activatedAt ?? '';
    const changedBureaus = await manager.find(BureauEntity, { where: { updatedBy: actor } });
    // A change in the very millisecond the served version was activated counts as since (times have millisecond precision): refused when in doubt.
    if (changedBureaus.some((bureau) => bureau.updatedAt >= since)) throw refuse(`includes bureau changes ${actor} made`);
    const approver = await manager.findOneBy(PersonEntity, { id: actor });
    if (approver && approver.updatedBy === row.proposedBy) throw refuse(`was proposed by ${row.proposedBy}, who registered ${actor}`);
  }

  /** Refuses a pending version, with reasons; the same graph is not offered again by composition. */
  async reject(version: number, actor: string, reason: string): Promise<SupergraphVersionEntity> {
    return this.locked(async (manager) => {
      const row = await this.pending(manager, version);
      await manager.update(SupergraphVersionEntity, { version }, { status: 'REJECTED', decidedBy: actor, reason });
      const rejected = { ...row, status: 'REJECTED', decidedBy: actor, reason };
      await this.record(manager, actor, 'refuse', rejected, null);
      return rejected;
    });
  }

  /**
   * Serves an earlier version again, as a new version, checked against the
   * active one like any candidate: one that loosens governance waits for
   * another administrator. The version it replaces is withdrawn, so
   * composition does not offer it again while its bureaus still serve it (a
   * person may).
   */
  async rollback(toVersion: number, actor: string, checks: (active: SupergraphVersionEntity | null, target: SupergraphVersionEntity) => SupergraphChecks): Promise<SupergraphVersionEntity> {
    return this.locked(async (manager, next) => {
      const target = await manager.findOneBy(SupergraphVersionEntity, { version: toVersion });
      if (!target || !['SUPERSEDED', 'WITHDRAWN'].includes(target.status)) throw new SupergraphDecisionError(`version ${toVersion} is not an earlier served version`, 'toVersion');
      const active = await manager.findOneBy(SupergraphVersionEntity, { status: 'ACTIVE' });
      const checked = checks(active, target);
      const status: SupergraphVersionStatus = active && checked.loosened.length > 0 ? 'PENDING' : 'ACTIVE';
      if (status === 'ACTIVE') await this.supersede(manager, active, 'WITHDRAWN', actor);
      const now = new Date().toISOString();
      const row: SupergraphVersionEntity = {
        ...target,
        version: await next(),
        source: 'rollback',
        status,
        checks: checked,
        proposedBy: actor,
        decidedBy: status === 'ACTIVE' ? actor : null,
        reason: `rollback to version ${toVersion}`,
        createdAt: now,
        activatedAt: status === 'ACTIVE' ? now : null,
      };
      await manager.insert(SupergraphVersionEntity, row);
      await this.record(manager, actor, status === 'ACTIVE' ? 'rollback' : 'apply', row, active);
      if (status === 'ACTIVE') await this.announce(manager, row.version);
      return row;
    });
  }

  /**
   * Takes the active version out of service (SUPERSEDED, or WITHDRAWN by a
   * rollback) as another activates; versions still pending were checked
   * against it, so they lapse (SUPERSEDED) and are offered afresh.
   */
  private async supersede(manager: EntityManager, active: SupergraphVersionEntity | null, status: 'SUPERSEDED' | 'WITHDRAWN', actor?: string): Promise<void> {
    if (active) await manager.update(SupergraphVersionEntity, { version: active.version }, { status, ...(actor ? { decidedBy: actor } : {}) });
    await manager.update(SupergraphVersionEntity, { status: 'PENDING' }, { status: 'SUPERSEDED' });
  }

  private async pending(manager: EntityManager, version: number): Promise<SupergraphVersionEntity> {
    const row = await manager.findOneBy(SupergraphVersionEntity, { version });
    if (!row || row.status !== 'PENDING') throw new SupergraphDecisionError(`no pending supergraph version ${version}`, 'version');
    return row;
  }

  /**
   * Runs `change` holding the state row's lock (it serialises supergraph
   * changes); `next()` takes the next version number, so a change that
   * inserts nothing leaves no gap.
   */
  private async locked<T>(change: (manager: EntityManager, next: () => Promise<number>) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // The registry chain's lock first (its records are written here too), then the supergraph's: always in this order.
      await lockRegistryChain(manager);
      await manager.increment(SupergraphStateEntity, { id: 1 }, 'lastVersion', 0);
      const next = async () => {
        await manager.increment(SupergraphStateEntity, { id: 1 }, 'lastVersion', 1);
        return (await manager.findOneByOrFail(SupergraphStateEntity, { id: 1 })).lastVersion;
      };
      return change(manager, next);
    });
  }

  private async record(manager: EntityManager, actor: string, action: GovernanceEntry['action'], row: SupergraphVersionEntity, before: SupergraphVersionEntity | null): Promise<void> {
    await recordRegistryChange(this.ledger, manager, {
      actor,
      action,
      subject: `supergraph:${row.version}`,
      before: before && { version: before.version, hash: before.hash },
      after: { version: row.version, hash: row.hash, status: row.status, source: row.source, checks: row.checks, reason: row.reason },
    });
  }

  private async announce(manager: EntityManager, version: number): Promise<void> {
    await notifyAtCommit(this.dataSource, manager, SUPERGRAPH_CHANNEL, String(version));
  }
}
