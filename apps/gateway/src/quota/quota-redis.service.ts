import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

/**
 * The one Redis connection of the gateway's counters (rates, daily usage),
 * when CAUSEWAY_REDIS_URL is set; null for the embedded default, where each
 * counter keeps its state in the process.
 */
@Injectable()
export class QuotaRedis implements OnApplicationShutdown {
  readonly client: Redis | null;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.client = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 500, connectTimeout: 1000 }) : null;
    // Connection errors surface through the commands that fail (and the counters' in-process insurance takes over).
    this.client?.on('error', () => undefined);
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
  }
}
