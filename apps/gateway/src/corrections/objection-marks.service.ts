import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { CorrectionReportEntity } from './correction-report.entity.js';

/** A mark a consumer sees: this field of this answer is under objection (异议标注) by report `report`. */
export interface ObjectionMark {
  field: string;
  report: string;
  since: string;
}

/**
 * The fields under objection, as the owners marked them on open correction
 * reports, held in memory for the exchange path: refreshed at once by this
 * replica's changes and every policy poll interval from the database (other
 * replicas' changes).
 */
@Injectable()
export class ObjectionMarks implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Corrections');
  private byCoordinate = new Map<string, CorrectionReportEntity[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((error: Error) => this.logger.error(`objection marks not refreshed: ${error.message}`)), this.config.policyPollMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const open = await this.dataSource.getRepository(CorrectionReportEntity).findBy({ status: 'OPEN', marked: true });
    const byCoordinate = new Map<string, CorrectionReportEntity[]>();
    for (const report of open) byCoordinate.set(report.coordinate, [...(byCoordinate.get(report.coordinate) ?? []), report]);
    this.byCoordinate = byCoordinate;
  }

  /** The marks on `coordinates` served about `subjects` (a report naming no subject marks the field for everyone). */
  on(coordinates: Iterable<string>, subjects: ReadonlySet<string>): ObjectionMark[] {
    if (this.byCoordinate.size === 0) return [];
    const marks: ObjectionMark[] = [];
    for (const coordinate of new Set(coordinates)) {
      for (const report of this.byCoordinate.get(coordinate) ?? []) {
        if (report.subjects.length === 0 || report.subjects.some((token) => subjects.has(token))) marks.push({ field: coordinate, report: report.id, since: report.filedAt });
      }
    }
    return marks;
  }
}
