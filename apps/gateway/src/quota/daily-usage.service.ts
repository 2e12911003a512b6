import { Inject, Injectable, Logger } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { CLOCK, type Clock } from '#config';
import { GatewayMetrics } from '../metrics/gateway-metrics.service.js';
import { QuotaRedis } from './quota-redis.service.js';

/** What is counted per day: per system, values and missed lookups; per grant with a daily volume, the exchanges it served. */
export type DailyCounter = 'pii-values' | 'lookup-misses' | 'grant-exchanges';

/** Past this share of a daily quota, the system is logged once that day. */
const WARNING_SHARE = 0.8;
/** Keys outlive their day by one, then expire. */
const KEEP_S = 2 * 86_400;

/**
 * Per-system daily counts (the calendar day in UTC, by the gateway's clock):
 * personal-information values served, lookups by masked values that missed.
 * In Redis when configured, so every replica adds to one count, else in
 * this process; if Redis cannot be asked, each replica counts on its own.
 * rate-limiter-flexible keeps the counts (it is a counter with expiry);
 * nothing is refused by it: the quotas are compared by the callers of
 * `used`, who know each system's allowance.
 */
@Injectable()
export class DailyUsage {
  private readonly logger = new Logger('Quota');
  private readonly counters = new Map<DailyCounter, RateLimiterAbstract>();

  constructor(
    private readonly redis: QuotaRedis,
    private readonly metrics: GatewayMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** How much of `counter` `system` has used today. */
  async used(system: string, counter: DailyCounter): Promise<number> {
    return (await this.counter(counter).get(this.key(system)))?.consumedPoints ?? 0;
  }

  /** Adds `amount` to today's count; logs once when it crosses the warning share of `quota`. */
  async add(system: string, counter: DailyCounter, amount: number, quota: number): Promise<void> {
    if (amount <= 0) return;
    const total = (await this.counter(counter).consume(this.key(system), amount)).consumedPoints;
    const warning = Math.ceil(quota * WARNING_SHARE);
    if (total >= warning && total - amount < warning) {
      this.metrics.quotaWarnings.inc({ allowance: counter });
      this.logger.warn(`${system} has used ${total} of its ${quota} ${counter} today`);
    }
  }

  /** Milliseconds until the day's counts start again. */
  msUntilTomorrow(): number {
    return 86_400_000 - (this.clock.now() % 86_400_000);
  }

  private key(system: string): string {
    return `${system}:${new Date(this.clock.now()).toISOString().slice(0, 10)}`;
  }

  private counter(counter: DailyCounter): RateLimiterAbstract {
    let limiter = this.counters.get(counter);
    if (limiter) return limiter;
    const options = { points: Number.MAX_SAFE_INTEGER, duration: KEEP_S, keyPrefix: `causeway:day:${counter}` };
    const memory = new RateLimiterMemory(options);
    limiter = this.redis.client ? new RateLimiterRedis({ ...options, storeClient: this.redis.client, insuranceLimiter: memory }) : memory;
    this.counters.set(counter, limiter);
    return limiter;
  }
}
