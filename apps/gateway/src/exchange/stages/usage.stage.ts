import { Inject, Injectable, Logger } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway.config.js';
import { DailyUsage } from '../../quota/daily-usage.service.js';
import { RegistryService } from '../../registry/registry.service.js';
import type { ExchangeContext } from '../exchange.context.js';
import type { ExchangeRequest, RecordStage } from '../exchange.phases.js';

/**
 * After the record: what the released answer served counts against the
 * system's day (QuotaStage compares): the personal-information values of
 * its grade, and its counted lookups that found nothing; and one exchange
 * against each grant with a daily volume that served it. A count that
 * cannot be kept is logged, never a reason to withhold an answer already
 * recorded as released.
 */
@Injectable()
export class UsageStage implements RecordStage {
  private readonly logger = new Logger('Quota');

  constructor(
    private readonly usage: DailyUsage,
    private readonly registry: RegistryService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async record(exchange: ExchangeContext, request: ExchangeRequest): Promise<void> {
    const system = exchange.principal?.system;
    const body = request.response.body;
    if (!system || body?.kind !== 'single') return;
    const own = this.registry.current().get(system);
    const data = body.singleResult.data;
    // Nothing released (refused, failed, or withheld for want of a record): nothing to count.
    if (!data) return;
    const piiValues = Object.values(exchange.grade?.piiServed ?? {}).reduce((sum, count) => sum + count, 0);
    const misses = (exchange.lookups ?? [])
      .filter((lookup) => lookup.rule === 'counted')
      .reduce((sum, lookup) => sum + valuesAt(data, lookup.path).filter((value) => value === null).length, 0);
    try {
      await this.usage.add(system, 'pii-values', piiValues, own?.piiValuesPerDay ?? this.config.limits.piiValuesPerDay);
      await this.usage.add(system, 'lookup-misses', misses, own?.lookupMissesPerDay ?? this.config.limits.lookupMissesPerDay);
      for (const grant of exchange.volumeGrants ?? []) await this.usage.add(grant.id, 'grant-exchanges', 1, grant.dailyLimit);
    } catch (error) {
      this.logger.error(`exchange ${exchange.id}: daily usage of ${system} not counted: ${(error as Error).message}`);
    }
  }
}

/** The values at a response path, through lists; a path cut short by a null counts as one null. */
function valuesAt(data: unknown, path: readonly string[]): unknown[] {
  if (data === null || data === undefined) return [null];
  if (Array.isArray(data)) return data.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [data];
  if (typeof data !== 'object') return [null];
  const [key, ...rest] = path as [string, ...string[]];
  return valuesAt((data as Record<string, unknown>)[key], rest);
}
