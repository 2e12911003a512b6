import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { CatalogEntry } from '#catalog';
import { PolicyEngine, readSeedGrants, type DecisionSubject, type FieldDecision, type Grant } from '#policy';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.service.js';
import { GovernanceChain } from './governance-chain.service.js';
import { ChangeListener } from '../database/change.listener.js';
import { policyHistory, type PolicyVersion } from './policy-history.js';
import { POLICY_CHANNEL, PolicyStore } from './policy.store.js';

/**
 * The current policy engine. Grants live in the gateway database (seeded
 * from policies/grants.yaml on first start); every change bumps the policy
 * version. On PostgreSQL the change is pushed to every replica by
 * LISTEN/NOTIFY as it commits; every replica also polls the version every
 * `policyPollMs` (default 500 ms), which is how SQLite sees changes and
 * what catches a notification lost with its connection. A new version is
 * read and built into a new engine off the request path, then swapped in
 * one assignment; a version that fails to build keeps the last good engine
 * and is logged.
 */
@Injectable()
export class PolicyService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Policy');
  private readonly model: string;
  private engine: PolicyEngine | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reloading = false;
  private reloadAgain = false;
  private readonly listener: ChangeListener;

  constructor(
    dataSource: DataSource,
    private readonly store: PolicyStore,
    private readonly chain: GovernanceChain,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly metrics: GatewayMetrics,
  ) {
    this.model = readFileSync(join(config.policiesDir, 'model.conf'), 'utf8');
    this.listener = new ChangeListener(dataSource, POLICY_CHANNEL, () => void this.refresh(), 'policy');
  }

  async onModuleInit(): Promise<void> {
    if (await this.store.seedWhenEmpty(readSeedGrants(this.config.policiesDir, this.config.policies.scheme.names))) {
      this.logger.log(`grants seeded from ${this.config.policiesDir}/grants.yaml into the gateway database`);
    }
    this.engine = await this.build();
    this.loaded(this.engine);
    this.logger.log(`policy version ${this.engine.version}: ${this.engine.grantCount} grants`);
    if (this.config.policyMode === 'allow-all') {
      this.logger.warn('CAUSEWAY_POLICY_MODE=allow-all: every field is served in clear to every authenticated caller; grants are not applied');
    }
    await this.listener.start();
    if (this.config.policyPollMs > 0) {
      this.timer = setInterval(() => void this.refresh(), this.config.policyPollMs);
      this.timer.unref();
    }
  }

  /** The version this replica serves, and when it loaded it, for the metrics. */
  private loaded(engine: PolicyEngine): void {
    this.metrics.policyVersion.set(engine.version);
    this.metrics.policyLoadedAt.set(Date.now() / 1000);
  }

  /**
   * How fields are decided for `subject` at `now`: by the current engine's
   * grants, or — CAUSEWAY_POLICY_MODE=allow-all — every field allowed in
   * clear, as a bare federation gateway would serve it (each decision
   * names `rule:allow-all`, so the ledger says why).
   */
  decider(subject: DecisionSubject, now: number, options: { cache?: boolean; catalog?: string } = {}): (entry: CatalogEntry) => FieldDecision {
    const engine = this.current();
    if (this.config.policyMode !== 'allow-all') return engine.decider(subject, now, options);
    const version = engine.version;
    return (entry) => ({ coordinate: entry.coordinate, allowed: true, mask: null, denial: null, rules: ['rule:allow-all'], policyVersion: version });
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.listener.stop();
  }

  current(): PolicyEngine {
    if (!this.engine) throw new Error('policy not loaded');
    return this.engine;
  }

  /**
   * Rebuilds the engine when the stored version moved on. One reload at a
   * time; a change announced during a reload runs one more afterwards, so
   * a notification is never lost to a reload already reading the old version.
   */
  async refresh(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return;
    }
    this.reloading = true;
    try {
      do {
        this.reloadAgain = false;
        if ((await this.store.version()) === this.engine?.version) continue;
        const engine = await this.build();
        this.engine = engine;
        this.loaded(this.engine);
        this.logger.log(`policy version ${engine.version}: ${engine.grantCount} grants`);
      } while (this.reloadAgain);
    } catch (error) {
      this.logger.error(`policy not reloaded, keeping version ${this.engine?.version}: ${(error as Error).message}`);
    } finally {
      this.reloading = false;
    }
  }

  /** Every policy version, oldest first, as the ledger's governance chain recorded it. */
  history(): Promise<PolicyVersion[]> {
    return policyHistory(this.chain.entries());
  }

  /** An engine over `grants` instead of the stored ones, for what-if questions; never swapped in. */
  async propose(grants: readonly Grant[]): Promise<PolicyEngine> {
    return PolicyEngine.build({ grants, model: this.model, scheme: this.config.policies.scheme, version: -1 });
  }

  private async build(): Promise<PolicyEngine> {
    const { version, grants } = await this.store.read();
    return PolicyEngine.build({ grants, model: this.model, scheme: this.config.policies.scheme, version });
  }
}
