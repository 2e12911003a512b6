import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { devSystemJwks, ensureDevSystemKey, readRegistryFiles, SystemRegistry, type RegistrySource } from '#identity';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { RegistryStore } from './registry.store.js';

/**
 * The current registry of calling systems, read from the gateway database
 * (seeded from policies/ on first start) and re-read every
 * `registryRefreshMs`. A new registry is built whole off the request path
 * and swapped in one assignment; one that fails to load or validate leaves
 * the last good one in place and is logged.
 */
@Injectable()
export class RegistryService implements RegistrySource, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Registry');
  private registry: SystemRegistry | null = null;
  private timer: NodeJS.Timeout | null = null;
  private warnedDevKeys = '';

  constructor(
    private readonly store: RegistryStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (await this.store.seedWhenEmpty(readRegistryFiles(this.config.policiesDir))) {
      this.logger.log(`registry seeded from ${this.config.policiesDir} into the gateway database`);
    }
    this.registry = await this.load();
    this.logger.log(`${this.registry.ids().length} calling systems registered`);
    if (this.config.registryRefreshMs > 0) {
      this.timer = setInterval(() => void this.refresh(), this.config.registryRefreshMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  current(): SystemRegistry {
    if (!this.registry) throw new Error('registry not loaded');
    return this.registry;
  }

  async refresh(): Promise<void> {
    try {
      this.registry = await this.load();
    } catch (error) {
      this.logger.error(`registry not reloaded, keeping the previous one: ${(error as Error).message}`);
    }
  }

  private async load(): Promise<SystemRegistry> {
    const definitions = await this.store.read();
    const withoutKeys = definitions.systems.filter((system) => !system.jwks && !system.jwksUrl).map((system) => system.id);
    if (withoutKeys.length > 0 && !this.config.devSystemKeys) {
      throw new Error(`systems without jwks or jwksUrl: ${withoutKeys.join(', ')} (development keys are off; CAUSEWAY_DEV_SYSTEM_KEYS=true is for demos only)`);
    }
    if (withoutKeys.length > 0 && withoutKeys.join() !== this.warnedDevKeys) {
      this.warnedDevKeys = withoutKeys.join();
      this.logger.warn(`development keys for ${withoutKeys.join(', ')} (in ${this.config.dataDir}/keys/systems): give real systems jwks or jwksUrl`);
    }
    for (const id of withoutKeys) await ensureDevSystemKey(this.config.dataDir, id);
    return SystemRegistry.build(definitions, {
      levels: this.config.policies.scheme.names,
      devKeys: (id) => devSystemJwks(this.config.dataDir, id),
    });
  }
}
