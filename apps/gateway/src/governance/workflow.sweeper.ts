import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In, LessThan, type EntityTarget } from 'typeorm';
import { CLOCK, type Clock } from '#config';
import { departmentOf } from '#identity';
import { CorrectionReportEntity } from '../corrections/correction-report.entity.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { DATA_AUTHORITY, NotificationService, type Notice } from '../notifications/notification.service.js';
import { GovernanceChain } from '../policy/governance-chain.service.js';
import { PolicyStore } from '../policy/policy.store.js';
import { grantStatus } from './grant-status.js';
import { DUE_STATUSES, SharingApplicationEntity } from './sharing-application.entity.js';

/**
 * The workflow's reminders, on a timer: an application or correction
 * report past its deadline is escalated to the data authority (督办) once,
 * recorded in the ledger; a grant entering its last 30 days is announced
 * to its consumer once per end date, so it can apply to renew in time.
 * Every replica sweeps; the escalation flag and the notice log keep each
 * reminder single (two replicas racing on one grant's notice may both send it).
 */
@Injectable()
export class WorkflowSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Workflow');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: GovernanceChain,
    private readonly store: PolicyStore,
    private readonly notifications: NotificationService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: Error) => this.logger.error(`workflow reminders not sent: ${error.message}`))
        .finally(() => (this.running = null));
    }, this.config.workflow.sweepMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<void> {
    const now = new Date(this.clock.now()).toISOString();
    const applications = await this.dataSource.getRepository(SharingApplicationEntity).findBy({ status: In([...DUE_STATUSES]), escalated: false, dueAt: LessThan(now) });
    for (const application of applications) {
      const waitsOn = application.status === 'PENDING' ? application.owner : DATA_AUTHORITY;
      await this.escalate(SharingApplicationEntity, 'application', application.id, application.status, [
        {
          recipient: DATA_AUTHORITY,
          kind: 'application.overdue',
          subject: application.id,
          message: `Application ${application.id} (${application.status.toLowerCase()}) was due by ${application.dueAt}.`,
        },
        ...(waitsOn === DATA_AUTHORITY
          ? []
          : [{ recipient: waitsOn, kind: 'application.overdue', subject: application.id, message: `Your answer to application ${application.id} was due by ${application.dueAt}.` }]),
      ]);
    }
    const reports = await this.dataSource.getRepository(CorrectionReportEntity).findBy({ status: 'OPEN', escalated: false, dueAt: LessThan(now) });
    for (const report of reports) {
      await this.escalate(CorrectionReportEntity, 'correction', report.id, 'OPEN', [
        { recipient: DATA_AUTHORITY, kind: 'correction.overdue', subject: report.id, message: `Correction report ${report.id} on ${report.coordinate} was due by ${report.dueAt}.` },
        { recipient: report.owner, kind: 'correction.overdue', subject: report.id, message: `Your handling of correction report ${report.id} was due by ${report.dueAt}.` },
      ]);
    }
    for (const grant of (await this.store.read()).grants) {
      if (grant.effect !== 'allow' || grantStatus(grant, this.clock.now()) !== 'EXPIRING') continue;
      const subject = `${grant.id}@${grant.validUntil}`;
      if (await this.notifications.given('grant.expiring', subject)) continue;
      await this.dataSource.transaction((manager) =>
        this.notifications.notifyWithin(manager, [
          {
            recipient: departmentOf(grant.subject),
            kind: 'grant.expiring',
            subject,
            message: `Grant ${grant.id} on ${grant.owner}'s data ends ${grant.validUntil}; apply to renew (applyForRenewal) before it lapses.`,
          },
        ]),
      );
    }
  }

  private async escalate(
    entity: EntityTarget<SharingApplicationEntity | CorrectionReportEntity>,
    kind: 'application' | 'correction',
    id: string,
    status: string,
    notices: Notice[],
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.chain.lock(manager);
      const result = await manager.update(entity, { id, status, escalated: false }, { escalated: true });
      if (result.affected === 0) return;
      await this.chain.record(manager, {
        kind,
        exchangeId: randomUUID(),
        at: new Date().toISOString(),
        actor: 'causeway',
        action: 'escalate',
        subject: id,
        before: { escalated: false },
        after: { escalated: true, status },
        policyVersion: null,
      });
      await this.notifications.notifyWithin(manager, notices);
    });
  }
}
