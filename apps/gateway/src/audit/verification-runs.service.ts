import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '#config';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { AuditService } from './audit.service.js';
import { LedgerVerificationRunEntity } from './verification-run.entity.js';

/** Who runs the scheduled verification, as runs name it. */
export const SCHEDULE = 'schedule';
/** The schedule looks at most this often whether a run is due. */
const MAX_TICK_MS = 3_600_000;

/**
 * Ledger verification, run when an auditor asks and on a schedule
 * (`CAUSEWAY_LEDGER_VERIFY_EVERY_MS`, daily by default, 0 for never), each
 * run noted with its result, so the overview shows when the ledger was last
 * checked and what was found. A replica runs the scheduled check only when
 * no replica has run one within the interval (two racing may both run it;
 * a second run is harmless).
 */
@Injectable()
export class VerificationRuns implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LedgerVerification');
  private timer: NodeJS.Timeout | null = null;
  private scheduled: Promise<unknown> | null = null;

  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.ledger.verifyEveryMs;
    if (every === 0) return;
    this.timer = setInterval(
      () => {
        this.scheduled ??= this.runIfDue()
          .catch((error: Error) => this.logger.error(`scheduled verification not run: ${error.message}`))
          .finally(() => (this.scheduled = null));
      },
      Math.min(every, MAX_TICK_MS),
    );
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.scheduled;
  }

  /** Verifies the whole ledger now and notes the run (`by`: the person, or `schedule`). */
  async run(by: string): Promise<LedgerVerificationRunEntity> {
    const startedAt = new Date(this.clock.now()).toISOString();
    const report = await this.audit.verify();
    const run = Object.assign(new LedgerVerificationRunEntity(), {
      id: randomUUID(),
      startedAt,
      finishedAt: new Date(this.clock.now()).toISOString(),
      by,
      ok: report.ok,
      verified: report.verified,
      chains: report.chains,
      checkpoints: report.checkpoints,
      broken: report.broken ? JSON.stringify(report.broken) : null,
    });
    await this.dataSource.getRepository(LedgerVerificationRunEntity).insert(run);
    if (!report.ok) this.logger.error(`ledger verification failed: ${report.broken?.reason} in chain ${report.broken?.chain} at ${report.broken?.seq}`);
    return run;
  }

  /** The latest runs, newest first. */
  latest(last: number): Promise<LedgerVerificationRunEntity[]> {
    return this.dataSource.getRepository(LedgerVerificationRunEntity).find({ order: { finishedAt: 'DESC', id: 'DESC' }, take: last });
  }

  /** Runs the scheduled check when the newest run (by anyone) is older than the interval. */
  async runIfDue(): Promise<LedgerVerificationRunEntity | null> {
    const [newest] = await this.latest(1);
    if (newest && this.clock.now() - Date.parse(newest.finishedAt) < this.config.ledger.verifyEveryMs) return null;
    return this.run(SCHEDULE);
  }
}
