import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PolicyEngine, readSeedGrants } from '#policy';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { PolicyStore } from './policy.store.js';

/**
 * The current policy engine. Grants live in the gateway database (seeded
 * from policies/grants.yaml on first start); every change bumps the policy
 * version, which each gateway replica polls every `policyPollMs` (default
 * 500 ms, so a change sharing the database reaches all replicas within a
 * second). A new version is read and built into a new engine off the
 * request path, then swapped in one assignment; a version that fails to
 * build keeps the last good engine and is logged.
 */
@Injectable()
export class PolicyService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Policy');
  readonly store: PolicyStore;
  private readonly model: string;
  private readonly levels: string[];
  private engine: PolicyEngine | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reloading = false;

  constructor(
    dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.levels = config.policies.scheme.levels.map((level) => level.name);
    this.store = new PolicyStore(dataSource, this.levels);
    this.model = readFileSync(join(config.policiesDir, 'model.conf'), 'utf8');
  }

  async onModuleInit(): Promise<void> {
    if (await this.store.seedWhenEmpty(readSeedGrants(this.config.policiesDir, this.levels))) {
      this.logger.log(`grants seeded from ${this.config.policiesDir}/grants.yaml into the gateway database`);
    }
    this.engine = await this.build();
    this.logger.log(`policy version ${this.engine.version}: ${this.engine.grantCount} grants`);
    if (this.config.policyPollMs > 0) {
      this.timer = setInterval(() => void this.refresh(), this.config.policyPollMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  current(): PolicyEngine {
    if (!this.engine) throw new Error('policy not loaded');
    return this.engine;
  }

  /** Rebuilds the engine when the stored version moved on. One reload at a time. */
  async refresh(): Promise<void> {
    if (this.reloading) return;
    this.reloading = true;
    try {
      if ((await this.store.version()) === this.engine?.version) return;
      const engine = await this.build();
      this.engine = engine;
      this.logger.log(`policy version ${engine.version}: ${engine.grantCount} grants`);
    } catch (error) {
      this.logger.error(`policy not reloaded, keeping version ${this.engine?.version}: ${(error as Error).message}`);
    } finally {
      this.reloading = false;
    }
  }

  private async build(): Promise<PolicyEngine> {
    const { version, grants } = await this.store.read();
    return PolicyEngine.build({ grants, model: this.model, scheme: this.config.policies.scheme, version });
  }
}
