import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { openReplayGuard, type ReplayGuard } from '#exchange-token';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

/**
 * The used client assertions of every caller: in Redis when configured
 * (shared by every replica, kept across restarts), else in an SQLite file
 * in the data directory (kept across restarts, shared by the gateways of
 * one host). A token accepted once is refused everywhere for its lifetime.
 */
@Injectable()
export class CallerReplays implements ReplayGuard, OnApplicationShutdown {
  private readonly guard: ReplayGuard;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.guard = openReplayGuard({ redisUrl: config.redisUrl, file: join(config.dataDir, 'replay-guard.sqlite'), scope: 'gateway', clockToleranceS: config.clockSkewS });
  }

  firstUse(id: string, exp: number): Promise<boolean> {
    return this.guard.firstUse(id, exp);
  }

  async close(): Promise<void> {
    await this.guard.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
