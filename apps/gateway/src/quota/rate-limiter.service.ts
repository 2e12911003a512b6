import { Inject, Injectable, Logger } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.service.js';
import { QuotaRedis } from './quota-redis.service.js';

/** Past this share of its limit in a window, a caller's traffic is logged once per window. */
const WARNING_SHARE = 0.8;

/**
 * Requests per caller (a system, or a person on the admin API) per rate
 * window (rate-limiter-flexible): counted in Redis when configured, so the
 * limit holds across every replica, else in this process. If Redis cannot
 * be asked, each replica goes on counting on its own (the insurance
 * limiter) rather than letting traffic through uncounted or refusing every
 * caller.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimit');
  /** One limiter per distinct limit and window (most callers share the default). */
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly redis: QuotaRedis,
    private readonly metrics: GatewayMetrics,
  ) {}

  /** Counts one request of `caller`; null while within `limit` per `windowS`, else how long until the next may pass (ms). */
  async consume(caller: string, limit: number | null, windowS = this.config.limits.rateWindowS): Promise<number | null> {
    const points = limit ?? this.config.limits.rateLimit;
    try {
      const result = await this.limiter(points, windowS).consume(caller);
      if (result.consumedPoints === Math.ceil(points * WARNING_SHARE)) {
        this.metrics.quotaWarnings.inc({ allowance: 'requests' });
        this.logger.warn(`${caller} has made ${result.consumedPoints} of its ${points} requests in this ${windowS} s window`);
      }
      return null;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
      throw refusal;
    }
  }

  private limiter(points: number, windowS: number): RateLimiterAbstract {
    const key = `${points}/${windowS}`;
    let limiter = this.limiters.get(key);
    if (limiter) return limiter;
    const options = { points, duration: windowS, keyPrefix: `causeway:rate:${key}` };
    const memory = new RateLimiterMemory(options);
    limiter = this.redis.client ? new RateLimiterRedis({ ...options, storeClient: this.redis.client, insuranceLimiter: memory }) : memory;
    this.limiters.set(key, limiter);
    return limiter;
  }
}
