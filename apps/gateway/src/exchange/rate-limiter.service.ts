import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

/** Past this share of its limit in a window, a system's traffic is logged once per window. */
const WARNING_SHARE = 0.8;

/**
 * Requests per system per rate window (rate-limiter-flexible): counted in
 * Redis when configured, so the limit holds across every replica, else in
 * this process. If Redis cannot be asked, each replica goes on counting on
 * its own (the insurance limiter) rather than letting traffic through
 * uncounted or refusing every caller.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis | null;
  /** One limiter per distinct limit (most systems share the default). */
  private readonly limiters = new Map<number, RateLimiterAbstract>();

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 500, connectTimeout: 1000 }) : null;
    // Connection errors surface through the commands that fail (and the insurance limiter takes over).
    this.redis?.on('error', () => undefined);
  }

  /** Counts one request of `system`; null while within its limit, else how long until the next may pass (ms). */
  async consume(system: string, limit: number | null): Promise<number | null> {
    const points = limit ?? this.config.limits.rateLimit;
    try {
      const result = await this.limiter(points).consume(system);
      if (result.consumedPoints === Math.ceil(points * WARNING_SHARE)) {
        this.logger.warn(`${system} has made ${result.consumedPoints} of its ${points} requests in this ${this.config.limits.rateWindowS} s window`);
      }
      return null;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
      throw refusal;
    }
  }

  private limiter(points: number): RateLimiterAbstract {
    let limiter = this.limiters.get(points);
    if (limiter) return limiter;
    const options = { points, duration: this.config.limits.rateWindowS, keyPrefix: `causeway:rate:${points}` };
    const memory = new RateLimiterMemory(options);
    limiter = this.redis ? new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: memory }) : memory;
    this.limiters.set(points, limiter);
    return limiter;
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
  }
}
