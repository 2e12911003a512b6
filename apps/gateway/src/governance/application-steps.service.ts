import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '#config';
import type { Person } from '#identity';
import type { GovernanceEntry } from '#ledger';
import { AdminError } from '../admin/admin.error.js';
import { NotificationService, type Notice } from '../notifications/notification.service.js';
import { GovernanceChain } from '../policy/governance-chain.service.js';
import { SharingApplicationEntity } from './sharing-application.entity.js';
import { textDigest } from './text-digest.js';
import { WorkingCalendarService } from './working-calendar.service.js';

/** One step of an application: its new state, what the ledger records of it, whom it notifies. */
export interface ApplicationStep {
  action: GovernanceEntry['action'];
  changes: Partial<SharingApplicationEntity>;
  /** What the ledger records as the step's result (the application's status is added). */
  detail?: Record<string, unknown>;
  notify: Notice[];
  /** Further writes of the same transaction (an approval's grants); returns the policy version they made. */
  within?: (manager: EntityManager) => Promise<number | null>;
}

/**
 * How every application moves: from the status it was read in to the next,
 * only if nobody moved it meanwhile, with its ledger record and its
 * notifications in the same transaction (so a step, its evidence and its
 * announcement commit together or not at all).
 */
@Injectable()
export class ApplicationSteps {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: GovernanceChain,
    private readonly notifications: NotificationService,
    readonly calendar: WorkingCalendarService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Now, by the workflow's clock, as ISO 8601. */
  now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** The application `id` in one of `statuses`; otherwise BAD_USER_INPUT naming its status. */
  async inStatus(id: string, statuses: readonly string[]): Promise<SharingApplicationEntity> {
    const application = await this.dataSource.getRepository(SharingApplicationEntity).findOneBy({ id });
    if (!application) throw AdminError.badInput(`no application "${id}"`, 'id');
    if (!statuses.includes(application.status))
      throw AdminError.badInput(`application ${id} is ${application.status.toLowerCase()}: this step needs it ${statuses.map((status) => status.toLowerCase()).join(' or ')}`, 'id');
    return application;
  }

  /** Files a new application with its first record and notices; `check` runs first under the lock (e.g. one open renewal per grant). */
  async file(person: Person, application: SharingApplicationEntity, notify: Notice[], check?: (manager: EntityManager) => Promise<void>): Promise<SharingApplicationEntity> {
    await this.dataSource.transaction(async (manager) => {
      await this.chain.lock(manager);
      await check?.(manager);
      await manager.insert(SharingApplicationEntity, application);
      await this.record(manager, person, 'apply', application.id, null, { ...application, basis: textDigest(application.basis) }, null);
      await this.notifications.notifyWithin(manager, notify);
    });
    return application;
  }

  /**
   * Moves `application` on by `step`; refuses if another step got there
   * first. Only the step's changes are written; a new deadline is a new
   * chance to be escalated when it passes.
   */
  async move(person: Person, application: SharingApplicationEntity, step: ApplicationStep): Promise<SharingApplicationEntity> {
    const changes: Partial<SharingApplicationEntity> = { ...step.changes, ...('dueAt' in step.changes ? { escalated: false } : {}) };
    const moved: SharingApplicationEntity = { ...application, ...changes };
    await this.dataSource.transaction(async (manager) => {
      await this.chain.lock(manager);
      const { id } = moved;
      const result = await manager.update(SharingApplicationEntity, { id, status: application.status }, changes);
      if (result.affected === 0) throw AdminError.badInput(`application ${id} was moved on meanwhile`, 'id');
      const version = step.within ? await step.within(manager) : null;
      await this.record(manager, person, step.action, id, { status: application.status }, { status: moved.status, ...step.detail }, version);
      await this.notifications.notifyWithin(manager, step.notify);
    });
    return moved;
  }

  private async record(
    manager: EntityManager,
    person: Person | { id: string },
    action: GovernanceEntry['action'],
    subject: string,
    before: unknown,
    after: unknown,
    policyVersion: number | null,
  ): Promise<void> {
    await this.chain.record(manager, {
      kind: 'application',
      exchangeId: randomUUID(),
      // The ledger's own time, as every record's: the clock is for the workflow's deadlines and validity.
      at: new Date().toISOString(),
      actor: person.id,
      action,
      subject,
      before,
      after,
      policyVersion,
    });
  }
}
