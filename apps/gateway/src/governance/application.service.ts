import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '#config';
import type { Person } from '#identity';
import type { GovernanceEntry } from '#ledger';
import type { Grant } from '#policy';
import { AdminError } from '../admin/admin.error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { GovernanceChain } from '../policy/governance-chain.service.js';
import { PolicyService } from '../policy/policy.service.js';
import { PolicyStore } from '../policy/policy.store.js';
import { mayManage } from './grant-rules.js';
import { GrantValidator } from './grant-validator.service.js';
import { SharingApplicationEntity } from './sharing-application.entity.js';
import { addWorkingDays } from './working-days.js';

export interface ApplicationInput {
  owner: string;
  targets: string[];
  purpose: string;
  /** Who would hold the grant: the applicant's department (default) or one of its systems. */
  subject?: string | null;
  maxLevel: string;
  basis: string;
  requestedDays: number;
}

/** Longest a conditional grant may be asked for: three years. */
const MAX_DAYS = 1095;

/**
 * The conditional-sharing workflow (申请—答复): a consumer department's
 * officer applies for another department's data; the owner's officers
 * approve (optionally narrower or shorter) or refuse with a reason, by a
 * deadline in working days; the applicant may withdraw before an answer.
 * Approval creates the time-limited grants in the same transaction as the
 * answer. Every step is recorded in the ledger (governance chain).
 */
@Injectable()
export class ApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly store: PolicyStore,
    private readonly chain: GovernanceChain,
    private readonly validator: GrantValidator,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async apply(person: Person, input: ApplicationInput): Promise<SharingApplicationEntity> {
    if (!person.roles.includes('officer') || !person.department) throw AdminError.forbidden("Only a department's officer applies, for that department.");
    const consumer = person.department;
    if (input.owner === consumer) throw AdminError.badInput('owner: a department reads its own data without applying', 'input.owner');
    const subject = input.subject ?? consumer;
    if (subject !== consumer && !subject.startsWith(`${consumer}.`)) throw AdminError.badInput(`subject: must be ${consumer} or one of its systems`, 'input.subject');
    if (input.targets.length === 0 || input.targets.length > 50) throw AdminError.badInput('targets: give 1 to 50 fields, patterns or tags', 'input.targets');
    if (!input.basis.trim() || input.basis.length > 2000) throw AdminError.badInput('basis: the legal basis is required (at most 2,000 characters)', 'input.basis');
    if (!Number.isInteger(input.requestedDays) || input.requestedDays < 1 || input.requestedDays > MAX_DAYS) {
      throw AdminError.badInput(`requestedDays: 1 to ${MAX_DAYS}`, 'input.requestedDays');
    }
    input.targets.forEach((target, i) => this.check({ target, owner: input.owner, subject, purpose: input.purpose, maxLevel: input.maxLevel }, `input.targets.${i}`));
    const now = new Date(this.clock.now());
    const application: SharingApplicationEntity = {
      id: randomUUID(),
      applicant: person.id,
      consumer,
      subject,
      owner: input.owner,
      targets: [...new Set(input.targets)],
      purpose: input.purpose,
      maxLevel: input.maxLevel,
      basis: input.basis.trim(),
      requestedDays: input.requestedDays,
      status: 'PENDING',
      submittedAt: now.toISOString(),
      dueAt: addWorkingDays(now, this.config.applicationDeadlineDays).toISOString(),
      answeredBy: null,
      answeredAt: null,
      reason: null,
      grantIds: null,
    };
    await this.dataSource.transaction(async (manager) => {
      await this.chain.lock(manager);
      await manager.insert(SharingApplicationEntity, application);
      await this.record(manager, person, 'apply', application, null, application, null);
    });
    return application;
  }

  async approve(person: Person, id: string, narrower: { targets?: string[] | null; days?: number | null }): Promise<SharingApplicationEntity> {
    const application = await this.pending(id);
    if (!mayManage(person, application.owner)) throw AdminError.forbidden(`Only ${application.owner}'s officers or an administrator answer this application.`);
    const targets = narrower.targets ?? application.targets;
    if (targets.length === 0 || targets.some((target) => !application.targets.includes(target))) {
      throw AdminError.badInput('targets: approve some of the targets applied for, nothing else', 'targets');
    }
    const days = narrower.days ?? application.requestedDays;
    if (!Number.isInteger(days) || days < 1 || days > application.requestedDays) {
      throw AdminError.badInput(`days: 1 to the ${application.requestedDays} applied for`, 'days');
    }
    const now = new Date(this.clock.now());
    const validUntil = new Date(now.getTime() + days * 86_400_000).toISOString();
    const grants: Grant[] = [...new Set(targets)].map((target, i) =>
      this.check(
        {
          id: `app-${application.id.slice(0, 8)}-${i + 1}`,
          target,
          owner: application.owner,
          subject: application.subject,
          purpose: application.purpose,
          maxLevel: application.maxLevel,
          validUntil,
          basis: `application ${application.id}: ${application.basis}`.slice(0, 500),
        },
        'targets',
      ),
    );
    const answered: SharingApplicationEntity = { ...application, status: 'APPROVED', answeredBy: person.id, answeredAt: now.toISOString(), grantIds: grants.map((grant) => grant.id) };
    await this.dataSource.transaction(async (manager) => {
      let version = 0;
      for (const grant of grants) version = await this.store.putWithin(manager, grant, person.id);
      await this.answer(manager, application, answered);
      await this.record(manager, person, 'approve', answered, { status: 'PENDING' }, { status: 'APPROVED', targets, validUntil, grantIds: answered.grantIds }, version);
    });
    await this.policy.refresh();
    return answered;
  }

  async refuse(person: Person, id: string, reason: string): Promise<SharingApplicationEntity> {
    const application = await this.pending(id);
    if (!mayManage(person, application.owner)) throw AdminError.forbidden(`Only ${application.owner}'s officers or an administrator answer this application.`);
    if (!reason.trim() || reason.length > 2000) throw AdminError.badInput('reason: a refusal states its reason (at most 2,000 characters)', 'reason');
    const answered: SharingApplicationEntity = { ...application, status: 'REFUSED', answeredBy: person.id, answeredAt: new Date(this.clock.now()).toISOString(), reason: reason.trim() };
    await this.dataSource.transaction(async (manager) => {
      await this.chain.lock(manager);
      await this.answer(manager, application, answered);
      await this.record(manager, person, 'refuse', answered, { status: 'PENDING' }, { status: 'REFUSED', reason: answered.reason }, null);
    });
    return answered;
  }

  async withdraw(person: Person, id: string): Promise<SharingApplicationEntity> {
    const application = await this.pending(id);
    if (person.department !== application.consumer || !person.roles.includes('officer')) throw AdminError.forbidden("Only the applying department's officers withdraw an application.");
    const withdrawn: SharingApplicationEntity = { ...application, status: 'WITHDRAWN', answeredBy: person.id, answeredAt: new Date(this.clock.now()).toISOString() };
    await this.dataSource.transaction(async (manager) => {
      await this.chain.lock(manager);
      await this.answer(manager, application, withdrawn);
      await this.record(manager, person, 'withdraw', withdrawn, { status: 'PENDING' }, { status: 'WITHDRAWN' }, null);
    });
    return withdrawn;
  }

  /** An officer's inbox (applications for their department's data) and outbox (their department's applications); everything for administrators and auditors. */
  async list(person: Person, box: 'INBOX' | 'OUTBOX' | 'ALL', status: string | null): Promise<SharingApplicationEntity[]> {
    const all = await this.dataSource.getRepository(SharingApplicationEntity).find({ order: { submittedAt: 'DESC' } });
    return all.filter((application) => visibleIn(person, application, box)).filter((application) => !status || application.status === status);
  }

  /** Every recorded step of an application the person may see, oldest first, from the ledger. */
  async history(person: Person, id: string): Promise<GovernanceEntry[]> {
    const application = await this.dataSource.getRepository(SharingApplicationEntity).findOneBy({ id });
    if (!application || !visibleIn(person, application, 'ALL')) throw AdminError.badInput(`no application "${id}" you may see`, 'id');
    const steps: GovernanceEntry[] = [];
    for await (const entry of this.chain.entries()) if (entry.kind === 'application' && entry.subject === id) steps.push(entry);
    return steps;
  }

  private async pending(id: string): Promise<SharingApplicationEntity> {
    const application = await this.dataSource.getRepository(SharingApplicationEntity).findOneBy({ id });
    if (!application) throw AdminError.badInput(`no application "${id}"`, 'id');
    if (application.status !== 'PENDING') throw AdminError.badInput(`application ${id} is ${application.status.toLowerCase()}, no longer pending`, 'id');
    return application;
  }

  /** Moves a pending application on; refuses if another answer got there first. */
  private async answer(manager: EntityManager, application: SharingApplicationEntity, answered: SharingApplicationEntity): Promise<void> {
    const { id, ...changes } = answered;
    const result = await manager.update(SharingApplicationEntity, { id, status: 'PENDING' }, changes);
    if (result.affected === 0) throw AdminError.badInput(`application ${application.id} was answered meanwhile`, 'id');
  }

  /** A grant an application would create, checked as officers' grants are; a target's error names its place in the application. */
  private check(grant: Partial<Grant> & { target: string; owner: string; subject: string; purpose: string; maxLevel: string }, argument: string): Grant {
    return this.validator.check({ id: 'application-check', validUntil: null, effect: 'allow', ...grant }, (field) => (field === 'input.target' ? argument : field));
  }

  private async record(
    manager: EntityManager,
    person: Person,
    action: GovernanceEntry['action'],
    application: SharingApplicationEntity,
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
      subject: application.id,
      before,
      after,
      policyVersion,
    });
  }
}

function visibleIn(person: Person, application: SharingApplicationEntity, box: 'INBOX' | 'OUTBOX' | 'ALL'): boolean {
  const everyone = person.roles.includes('administrator') || person.roles.includes('auditor');
  const inbox = everyone || application.owner === person.department;
  const outbox = everyone || application.consumer === person.department;
  return box === 'INBOX' ? inbox : box === 'OUTBOX' ? outbox : inbox || outbox;
}
