import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { CLOCK, type Clock } from '#config';
import { departmentOf, type Person } from '#identity';
import type { GovernanceEntry } from '#ledger';
import type { Grant } from '#policy';
import { AdminError } from '../admin/admin.error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { DATA_AUTHORITY } from '../notifications/notification.service.js';
import { GovernanceChain } from '../policy/governance-chain.service.js';
import { PolicyStore } from '../policy/policy.store.js';
import { ApplicationSteps } from './application-steps.service.js';
import { grantStatus } from './grant-status.js';
import { GrantValidator } from './grant-validator.service.js';
import { SharingApplicationEntity } from './sharing-application.entity.js';
import { textDigest } from './text-digest.js';

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
export const MAX_DAYS = 1095;

/**
 * The applicant's side of the conditional-sharing workflow (申请): apply
 * (to the data authority's conformity review first), complete and resubmit
 * what was returned, withdraw before an answer, object once to a refusal,
 * and apply to renew a grant before it lapses (续期, straight to the
 * owner). The data authority's steps are ApplicationReviewService's, the
 * owner's ApplicationAnswerService's; every step is recorded in the ledger
 * (governance chain) and notified (ApplicationSteps).
 */
@Injectable()
export class ApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: ApplicationSteps,
    private readonly store: PolicyStore,
    private readonly chain: GovernanceChain,
    private readonly validator: GrantValidator,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async apply(person: Person, input: ApplicationInput): Promise<SharingApplicationEntity> {
    const consumer = this.applicantDepartment(person);
    const checked = this.checkInput(consumer, input);
    const application: SharingApplicationEntity = {
      id: randomUUID(),
      applicant: person.id,
      consumer,
      ...checked,
      status: 'IN_REVIEW',
      submittedAt: this.steps.now(),
      dueAt: await this.steps.calendar.due(this.config.workflow.reviewDays),
      answeredBy: null,
      answeredAt: null,
      reason: null,
      grantIds: null,
      kind: 'NEW',
      renews: null,
      reviewedBy: null,
      reviewedAt: null,
      reviewReason: null,
      objection: null,
      ruling: null,
      ruledBy: null,
      rulingReason: null,
      conditions: null,
      escalated: false,
    };
    return this.steps.file(person, application, [
      {
        recipient: DATA_AUTHORITY,
        kind: 'application.submitted',
        subject: application.id,
        message: `${consumer} applies for ${application.owner}'s data; conformity review due by ${application.dueAt}.`,
      },
    ]);
  }

  /** Completes an application returned by the data authority and sends it back to review. */
  async resubmit(person: Person, id: string, input: ApplicationInput): Promise<SharingApplicationEntity> {
    const application = await this.steps.inStatus(id, ['RETURNED']);
    this.mustBeApplicant(person, application);
    if (input.owner !== application.owner) throw AdminError.badInput('owner: a resubmitted application keeps its owner (apply anew for another)', 'input.owner');
    const checked = this.checkInput(application.consumer, input);
    const dueAt = await this.steps.calendar.due(this.config.workflow.reviewDays);
    return this.steps.move(person, application, {
      action: 'resubmit',
      changes: { ...checked, status: 'IN_REVIEW', dueAt, submittedAt: this.steps.now() },
      detail: { targets: checked.targets, purpose: checked.purpose, requestedDays: checked.requestedDays },
      notify: [{ recipient: DATA_AUTHORITY, kind: 'application.resubmitted', subject: id, message: `${application.consumer} completed its application; conformity review due by ${dueAt}.` }],
    });
  }

  async withdraw(person: Person, id: string): Promise<SharingApplicationEntity> {
    const application = await this.steps.inStatus(id, ['IN_REVIEW', 'RETURNED', 'PENDING']);
    this.mustBeApplicant(person, application);
    return this.steps.move(person, application, {
      action: 'withdraw',
      changes: { status: 'WITHDRAWN', answeredBy: person.id, answeredAt: this.steps.now() },
      notify:
        application.status === 'PENDING' ? [{ recipient: application.owner, kind: 'application.withdrawn', subject: id, message: `${application.consumer} withdrew its application.` }] : [],
    });
  }

  /** Objects, once, to a refusal (异议): the data authority rules on it by a deadline. */
  async object(person: Person, id: string, objection: string): Promise<SharingApplicationEntity> {
    const application = await this.steps.inStatus(id, ['REFUSED']);
    this.mustBeApplicant(person, application);
    if (application.objection !== null) throw AdminError.badInput(`application ${id} was objected to once already; the ruling was final`, 'id');
    if (!objection.trim() || objection.length > 2000) throw AdminError.badInput('objection: state why the refusal is wrong (at most 2,000 characters)', 'objection');
    const dueAt = await this.steps.calendar.due(this.config.workflow.objectionDays);
    return this.steps.move(person, application, {
      action: 'object',
      changes: { status: 'OBJECTED', objection: objection.trim(), dueAt },
      detail: { objection: textDigest(objection.trim()) },
      notify: [
        { recipient: DATA_AUTHORITY, kind: 'application.objected', subject: id, message: `${application.consumer} objects to the refusal of its application; ruling due by ${dueAt}.` },
        { recipient: application.owner, kind: 'application.objected', subject: id, message: `${application.consumer} objects to the refusal of its application.` },
      ],
    });
  }

  /** Applies to renew (续期) a grant the applicant's department holds, before it lapses; the owner answers as for any application. */
  async renew(person: Person, grantId: string, days: number, basis: string): Promise<SharingApplicationEntity> {
    const consumer = this.applicantDepartment(person);
    const grant = (await this.store.read()).grants.find((candidate) => candidate.id === grantId);
    if (!grant || departmentOf(grant.subject) !== consumer || grant.effect !== 'allow') throw AdminError.badInput(`no grant "${grantId}" held by ${consumer}`, 'grantId');
    if (grantStatus(grant, this.clock.now()) === 'LAPSED') throw AdminError.badInput(`grant ${grantId} lapsed on ${grant.validUntil}: a lapsed grant is not renewed, apply anew`, 'grantId');
    if (grant.validUntil === null) throw AdminError.badInput(`grant ${grantId} is open-ended: there is nothing to renew`, 'grantId');
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw AdminError.badInput(`days: 1 to ${MAX_DAYS}`, 'days');
    if (!basis.trim() || basis.length > 2000) throw AdminError.badInput('basis: the legal basis is required (at most 2,000 characters)', 'basis');
    const dueAt = await this.steps.calendar.due(this.config.workflow.answerDays);
    const application: SharingApplicationEntity = {
      id: randomUUID(),
      applicant: person.id,
      consumer,
      subject: grant.subject,
      owner: grant.owner,
      targets: [grant.target],
      purpose: grant.purpose,
      maxLevel: grant.maxLevel,
      basis: basis.trim(),
      requestedDays: days,
      status: 'PENDING',
      submittedAt: this.steps.now(),
      dueAt,
      answeredBy: null,
      answeredAt: null,
      reason: null,
      grantIds: null,
      kind: 'RENEWAL',
      renews: grantId,
      reviewedBy: null,
      reviewedAt: null,
      reviewReason: null,
      objection: null,
      ruling: null,
      ruledBy: null,
      rulingReason: null,
      conditions: conditionsOf(grant),
      escalated: false,
    };
    return this.steps.file(
      person,
      application,
      [
        {
          recipient: grant.owner,
          kind: 'application.renewal',
          subject: application.id,
          message: `${consumer} applies to renew grant ${grantId} (ends ${grant.validUntil}) for ${days} days; answer due by ${dueAt}.`,
        },
      ],
      // Under the lock, so two renewals filed at once do not both wait.
      async (manager) => {
        if ((await manager.countBy(SharingApplicationEntity, { renews: grantId, status: In(['PENDING', 'OBJECTED']) })) > 0) {
          throw AdminError.badInput(`grant ${grantId} has a renewal waiting for its answer already`, 'grantId');
        }
      },
    );
  }

  /** An officer's inbox (applications for their department's data) and outbox (their department's applications); everything for administrators and auditors. */
  async list(person: Person, box: 'INBOX' | 'OUTBOX' | 'ALL', status: string | null): Promise<SharingApplicationEntity[]> {
    const all = await this.dataSource.getRepository(SharingApplicationEntity).find({ where: status ? { status } : {}, order: { submittedAt: 'DESC', id: 'DESC' } });
    return all.filter((application) => applicationVisible(person, application, box));
  }

  /** Every recorded step of an application the person may see, oldest first, from the ledger. */
  async history(person: Person, id: string): Promise<GovernanceEntry[]> {
    const application = await this.dataSource.getRepository(SharingApplicationEntity).findOneBy({ id });
    if (!application || !applicationVisible(person, application, 'ALL')) throw AdminError.badInput(`no application "${id}" you may see`, 'id');
    const steps: GovernanceEntry[] = [];
    for await (const entry of this.chain.entries()) if (entry.kind === 'application' && entry.subject === id) steps.push(entry);
    return steps;
  }

  private applicantDepartment(person: Person): string {
    if (!person.roles.includes('officer') || !person.department) throw AdminError.forbidden("Only a department's officer applies, for that department.");
    return person.department;
  }

  private mustBeApplicant(person: Person, application: SharingApplicationEntity): void {
    if (person.department !== application.consumer || !person.roles.includes('officer')) throw AdminError.forbidden("Only the applying department's officers take this step.");
  }

  /** What an application asks for, checked as the grants it would create are. */
  private checkInput(consumer: string, input: ApplicationInput) {
    if (input.owner === consumer) throw AdminError.badInput('owner: a department reads its own data without applying', 'input.owner');
    const subject = input.subject ?? consumer;
    if (subject !== consumer && !subject.startsWith(`${consumer}.`)) throw AdminError.badInput(`subject: must be ${consumer} or one of its systems`, 'input.subject');
    if (input.targets.length === 0 || input.targets.length > 50) throw AdminError.badInput('targets: give 1 to 50 fields, patterns or tags', 'input.targets');
    if (!input.basis.trim() || input.basis.length > 2000) throw AdminError.badInput('basis: the legal basis is required (at most 2,000 characters)', 'input.basis');
    if (!Number.isInteger(input.requestedDays) || input.requestedDays < 1 || input.requestedDays > MAX_DAYS) {
      throw AdminError.badInput(`requestedDays: 1 to ${MAX_DAYS}`, 'input.requestedDays');
    }
    input.targets.forEach((target, i) =>
      this.validator.check({ id: 'application-check', validUntil: null, effect: 'allow', target, owner: input.owner, subject, purpose: input.purpose, maxLevel: input.maxLevel }, (field) =>
        field === 'input.target' ? `input.targets.${i}` : field,
      ),
    );
    return {
      subject,
      owner: input.owner,
      targets: [...new Set(input.targets)],
      purpose: input.purpose,
      maxLevel: input.maxLevel,
      basis: input.basis.trim(),
      requestedDays: input.requestedDays,
    };
  }
}

/** The conditions a grant carries (GrantConditions of an approval). */
export function conditionsOf(grant: Grant): { obligations: string[]; dailyLimit: number | null; duties: string[] } {
  return { obligations: grant.obligations, dailyLimit: grant.dailyLimit, duties: grant.duties };
}

/** Whether a workflow item (an application, a correction report) is in a person's INBOX (about their department's data), OUTBOX (their department's) or either; administrators and auditors see all. */
/** Whether `person` sees `application` in `box`: its owner only once the data authority has passed it on (not while in review or returned). */
export function applicationVisible(person: Person, application: SharingApplicationEntity, box: 'INBOX' | 'OUTBOX' | 'ALL'): boolean {
  const withAuthority = application.status === 'IN_REVIEW' || application.status === 'RETURNED' || (application.status === 'WITHDRAWN' && application.reviewedAt === null);
  const onlyAsOwner = !visibleIn(person, { ...application, owner: '' }, box);
  return visibleIn(person, application, box) && !(withAuthority && onlyAsOwner);
}

export function visibleIn(person: Person, item: { owner: string; consumer: string }, box: 'INBOX' | 'OUTBOX' | 'ALL'): boolean {
  const everyone = person.roles.includes('administrator') || person.roles.includes('auditor');
  const inbox = everyone || item.owner === person.department;
  const outbox = everyone || item.consumer === person.department;
  return box === 'INBOX' ? inbox : box === 'OUTBOX' ? outbox : inbox || outbox;
}
