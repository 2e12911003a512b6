import { Injectable } from '@nestjs/common';
import type { Person } from '#identity';
import type { Grant } from '#policy';
import { AdminError } from '../admin/admin.error.js';
import { PolicyService } from '../policy/policy.service.js';
import { GrantEntity } from '../policy/grant.entity.js';
import { PolicyStore } from '../policy/policy.store.js';
import { ApplicationSteps } from './application-steps.service.js';
import { mayManage } from './grant-rules.js';
import { grantStatus } from './grant-status.js';
import { GrantValidator } from './grant-validator.service.js';
import type { SharingApplicationEntity } from './sharing-application.entity.js';
import { textDigest } from './text-digest.js';

/** What an owner may attach to an approval; each is recorded on every grant it creates and shown to both sides. */
export interface GrantConditions {
  /** `mask:KIND` or `clear`: how the granted fields are served. */
  obligations?: string[] | null;
  /** Exchanges a day the grant may serve, enforced by the gateway. */
  dailyLimit?: number | null;
  /** Usage duties the consumer accepts: delete-after:DAYS, no-onward-sharing, usage-logged. */
  duties?: string[] | null;
  /** A registered purpose, narrowing an application made for any purpose (`*`). */
  purpose?: string | null;
}

const DAY_MS = 86_400_000;

/**
 * The owner's answer (答复) to an accepted application: approve, for fewer
 * targets, fewer days and with conditions, creating the time-limited grants
 * (or extending the renewed one) in the same transaction; or refuse,
 * stating the reasons.
 */
@Injectable()
export class ApplicationAnswerService {
  constructor(
    private readonly steps: ApplicationSteps,
    private readonly policy: PolicyService,
    private readonly store: PolicyStore,
    private readonly validator: GrantValidator,
  ) {}

  async approve(person: Person, id: string, narrower: { targets?: string[] | null; days?: number | null }, conditions: GrantConditions | null): Promise<SharingApplicationEntity> {
    const application = await this.steps.inStatus(id, ['PENDING']);
    this.mustAnswer(person, application);
    const targets = [...new Set(narrower.targets ?? application.targets)];
    if (targets.length === 0 || targets.some((target) => !application.targets.includes(target))) {
      throw AdminError.badInput('targets: approve some of the targets applied for, nothing else', 'targets');
    }
    const days = narrower.days ?? application.requestedDays;
    if (!Number.isInteger(days) || days < 1 || days > application.requestedDays) throw AdminError.badInput(`days: 1 to the ${application.requestedDays} applied for`, 'days');
    const purpose = conditions?.purpose ?? application.purpose;
    if (purpose !== application.purpose && application.purpose !== '*')
      throw AdminError.badInput(`conditions.purpose: the application is for ${application.purpose} only`, 'conditions.purpose');
    const agreed = { ...(application.conditions as GrantConditions | null), ...withoutNulls(conditions ?? {}) };
    const terms = { obligations: agreed.obligations ?? [], dailyLimit: agreed.dailyLimit ?? null, duties: agreed.duties ?? [] };
    const current = application.kind === 'RENEWAL' ? (await this.store.read()).grants.find((candidate) => candidate.id === application.renews) : undefined;
    const renewedFrom = current?.validUntil ?? null;
    const grants = application.kind === 'RENEWAL' ? [this.renewed(application, current, days, terms)] : this.created(application, targets, days, purpose, terms);
    const approved = await this.steps.move(person, application, {
      action: 'approve',
      changes: { status: 'APPROVED', answeredBy: person.id, answeredAt: this.steps.now(), grantIds: grants.map((grant) => grant.id), conditions: { ...terms, purpose } },
      detail: { targets, validUntil: grants[0]!.validUntil, grantIds: grants.map((grant) => grant.id), conditions: terms },
      notify: [
        {
          recipient: application.consumer,
          kind: 'application.approved',
          subject: id,
          message: `${application.owner} approved your application until ${grants[0]!.validUntil}: grant(s) ${grants.map((grant) => grant.id).join(', ')}.`,
        },
      ],
      within: async (manager) => {
        let version = 0;
        for (const grant of grants) {
          // Under the lock: a renewed grant is as it was when this answer was made; a new one takes no existing id.
          const current = await manager.findOneBy(GrantEntity, { id: grant.id });
          const changed = application.kind === 'RENEWAL' ? !current || current.validUntil !== renewedFrom : current !== null;
          if (changed) throw AdminError.badInput(`grant ${grant.id} changed meanwhile: answer again`, 'id');
          version = await this.store.putWithin(manager, grant, person.id);
        }
        return version;
      },
    });
    await this.policy.refresh();
    return approved;
  }

  async refuse(person: Person, id: string, reason: string): Promise<SharingApplicationEntity> {
    const application = await this.steps.inStatus(id, ['PENDING']);
    this.mustAnswer(person, application);
    if (!reason.trim() || reason.length > 2000) throw AdminError.badInput('reason: a refusal states its reason (at most 2,000 characters)', 'reason');
    const objectable = application.objection === null;
    return this.steps.move(person, application, {
      action: 'refuse',
      changes: { status: 'REFUSED', answeredBy: person.id, answeredAt: this.steps.now(), reason: reason.trim() },
      detail: { reason: textDigest(reason.trim()), by: 'owner' },
      notify: [
        {
          recipient: application.consumer,
          kind: 'application.refused',
          subject: id,
          message: `${application.owner} refused your application; the reasons are on the application.${objectable ? ' You may object once to the data authority.' : ''}`,
        },
      ],
    });
  }

  private mustAnswer(person: Person, application: SharingApplicationEntity): void {
    if (!mayManage(person, application.owner)) throw AdminError.forbidden(`Only ${application.owner}'s officers or an administrator answer this application.`);
  }

  private created(application: SharingApplicationEntity, targets: string[], days: number, purpose: string, terms: Pick<Grant, 'obligations' | 'dailyLimit' | 'duties'>): Grant[] {
    const validUntil = new Date(Date.parse(this.steps.now()) + days * DAY_MS).toISOString();
    return targets.map((target, i) =>
      this.check({
        id: `app-${application.id}-${i + 1}`,
        target,
        owner: application.owner,
        subject: application.subject,
        purpose,
        maxLevel: application.maxLevel,
        validUntil,
        effect: 'allow',
        basis: `application ${application.id}: ${application.basis}`.slice(0, 500),
        ...terms,
      }),
    );
  }

  /** The renewed grant: the same grant, its end moved `days` on from its current end, with the agreed conditions. */
  private renewed(application: SharingApplicationEntity, grant: Grant | undefined, days: number, terms: Pick<Grant, 'obligations' | 'dailyLimit' | 'duties'>): Grant {
    if (!grant) throw AdminError.badInput(`grant ${application.renews} no longer exists: the consumer applies anew`, 'id');
    if (grantStatus(grant, Date.parse(this.steps.now())) === 'LAPSED')
      throw AdminError.badInput(`grant ${grant.id} lapsed on ${grant.validUntil} before this answer: the consumer applies anew`, 'id');
    const validUntil = new Date(Date.parse(grant.validUntil!) + days * DAY_MS).toISOString();
    return this.check({ ...grant, validUntil, ...terms, basis: `renewed by application ${application.id}: ${application.basis}`.slice(0, 500) });
  }

  private check(grant: Grant): Grant {
    const renamed: Record<string, string> = {
      'input.obligations': 'conditions.obligations',
      'input.dailyLimit': 'conditions.dailyLimit',
      'input.duties': 'conditions.duties',
      'input.target': 'targets',
      // A renewal moves the end by the days approved.
      'input.validUntil': 'days',
    };
    return this.validator.check(grant, (field) => renamed[field.replace(/\.\d+$/, '')] ?? field);
  }
}

function withoutNulls(conditions: GrantConditions): GrantConditions {
  return Object.fromEntries(Object.entries(conditions).filter(([, value]) => value !== null && value !== undefined)) as GrantConditions;
}
