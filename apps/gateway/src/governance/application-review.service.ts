import { Inject, Injectable } from '@nestjs/common';
import type { Person } from '#identity';
import { AdminError } from '../admin/admin.error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { ApplicationSteps } from './application-steps.service.js';
import type { SharingApplicationEntity } from './sharing-application.entity.js';
import { textDigest } from './text-digest.js';

export type ReviewDecision = 'ACCEPT' | 'RETURN' | 'REFUSE';
export type Ruling = 'SUSTAINED' | 'OVERTURNED';

/**
 * The data authority's part (政务数据主管部门, the administrators): the
 * conformity review of each new application before its owner sees it to
 * answer — accept, return for completion with reasons, or refuse with
 * reasons — and the ruling on an applicant's objection to a refusal:
 * sustained (final) or overturned (back to the owner to answer anew).
 */
@Injectable()
export class ApplicationReviewService {
  constructor(
    private readonly steps: ApplicationSteps,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async review(person: Person, id: string, decision: ReviewDecision, reason: string | null): Promise<SharingApplicationEntity> {
    this.mustBeAuthority(person);
    const application = await this.steps.inStatus(id, ['IN_REVIEW']);
    const reviewed = { reviewedBy: person.id, reviewedAt: this.steps.now() };
    if (decision === 'ACCEPT') {
      const dueAt = await this.steps.calendar.due(this.config.workflow.answerDays);
      return this.steps.move(person, application, {
        action: 'accept',
        changes: { ...reviewed, reviewReason: reason?.trim() || null, status: 'PENDING', dueAt },
        notify: [
          { recipient: application.owner, kind: 'application.received', subject: id, message: `${application.consumer} applies for your data; your answer is due by ${dueAt}.` },
          { recipient: application.consumer, kind: 'application.accepted', subject: id, message: `Your application passed conformity review; ${application.owner} answers by ${dueAt}.` },
        ],
      });
    }
    const stated = this.reason(reason);
    return this.steps.move(person, application, {
      action: decision === 'RETURN' ? 'return' : 'refuse',
      changes: { ...reviewed, reviewReason: stated, status: decision === 'RETURN' ? 'RETURNED' : 'REFUSED' },
      detail: { reason: textDigest(stated), by: 'data-authority' },
      notify: [
        {
          recipient: application.consumer,
          kind: decision === 'RETURN' ? 'application.returned' : 'application.refused',
          subject: id,
          message:
            decision === 'RETURN'
              ? 'Your application was returned for completion; the reasons are on the application.'
              : 'Your application was refused at conformity review; the reasons are on the application.',
        },
      ],
    });
  }

  async rule(person: Person, id: string, ruling: Ruling, reason: string): Promise<SharingApplicationEntity> {
    this.mustBeAuthority(person);
    const application = await this.steps.inStatus(id, ['OBJECTED']);
    // Nobody rules on an objection to their own refusal.
    if (person.id === application.answeredBy || (application.answeredBy === null && person.id === application.reviewedBy)) {
      throw AdminError.forbidden('You refused this application: another administrator rules on the objection.');
    }
    const stated = this.reason(reason);
    const ruled = { ruling, ruledBy: person.id, rulingReason: stated };
    if (ruling === 'SUSTAINED') {
      return this.steps.move(person, application, {
        action: 'sustain',
        changes: { ...ruled, status: 'REFUSED' },
        detail: { reason: textDigest(stated) },
        notify: [{ recipient: application.consumer, kind: 'application.ruled', subject: id, message: 'The refusal stands; the reasons are on the application.' }],
      });
    }
    const dueAt = await this.steps.calendar.due(this.config.workflow.answerDays);
    return this.steps.move(person, application, {
      action: 'overturn',
      changes: { ...ruled, status: 'PENDING', dueAt, answeredBy: null, answeredAt: null },
      detail: { reason: textDigest(stated), dueAt },
      notify: [
        {
          recipient: application.owner,
          kind: 'application.received',
          subject: id,
          message: `The data authority overturned the refusal (its reasons are on the application); answer anew by ${dueAt}.`,
        },
        { recipient: application.consumer, kind: 'application.ruled', subject: id, message: `The refusal was overturned; ${application.owner} answers anew by ${dueAt}.` },
      ],
    });
  }

  private mustBeAuthority(person: Person): void {
    if (!person.roles.includes('administrator')) throw AdminError.forbidden('Only the data authority (an administrator) reviews applications and rules on objections.');
  }

  private reason(reason: string | null): string {
    if (!reason?.trim() || reason.length > 2000) throw AdminError.badInput('reason: state the reasons (at most 2,000 characters)', 'reason');
    return reason.trim();
  }
}
