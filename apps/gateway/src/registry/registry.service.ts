import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  checkPeople,
  devSystemJwks,
  ensureDevSystemKey,
  issuerDefinitionSchema,
  OidcIssuer,
  readRegistryFiles,
  SystemRegistry,
  type PersonDefinition,
  type RegistryDefinitions,
  type RegistrySource,
} from '#identity';
import { ChangeListener } from '../database/change.listener.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { REGISTRY_CHANNEL, RegistryStore } from './registry.store.js';

/** Stands in for a system's development keys while a proposed registry is checked (the real ones are made when it loads). */
const PLACEHOLDER_JWKS = { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }] };

/**
 * The current registry of calling systems, read from the gateway database
 * (seeded from policies/ on first start). A change made through the admin
 * API bumps the registry version: on PostgreSQL every replica hears it at
 * commit (LISTEN/NOTIFY), and every replica polls the version every
 * `policyPollMs` (SQLite, and what a lost notification missed). Rows edited
 * by hand are picked up by a full re-read every `registryRefreshMs`. A new
 * registry is built whole off the request path and swapped in one
 * assignment; one that fails to load or validate leaves the last good one
 * in place and is logged.
 */
@Injectable()
export class RegistryService implements RegistrySource, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Registry');
  private registry: SystemRegistry | null = null;
  private peopleList: readonly PersonDefinition[] = [];
  private issuerList: readonly OidcIssuer[] = [];
  private timer: NodeJS.Timeout | null = null;
  private versionTimer: NodeJS.Timeout | null = null;
  private warnedDevKeys = '';
  private loadedVersion = -1;
  private reloading: Promise<void> = Promise.resolve();
  private readonly listener: ChangeListener;

  constructor(
    private readonly store: RegistryStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    dataSource: DataSource,
  ) {
    this.listener = new ChangeListener(dataSource, REGISTRY_CHANNEL, () => void this.refresh(), 'registry');
  }

  async onModuleInit(): Promise<void> {
    if (await this.store.seedWhenEmpty(readRegistryFiles(this.config.policiesDir))) {
      this.logger.log(`registry seeded from ${this.config.policiesDir} into the gateway database`);
    }
    if (await this.store.seedPeopleWhenEmpty(this.config.people)) this.logger.log(`people of the admin API seeded from ${this.config.policiesDir}/people.yaml`);
    if (await this.store.seedIssuersWhenEmpty(this.config.issuers)) this.logger.log(`OIDC issuers seeded from ${this.config.policiesDir}/issuers.yaml`);
    await this.reload({ failHard: true });
    this.logger.log(`${this.current().ids().length} calling systems registered`);
    await this.listener.start();
    if (this.config.registryRefreshMs > 0) {
      this.timer = setInterval(() => void this.refresh(), this.config.registryRefreshMs);
      this.timer.unref();
    }
    if (this.config.policyPollMs > 0) {
      this.versionTimer = setInterval(() => void this.refreshIfChanged(), this.config.policyPollMs);
      this.versionTimer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.versionTimer) clearInterval(this.versionTimer);
    this.listener.stop();
  }

  /** The people of the admin API, as the registry holds them now: a person removed is unknown from the next request on. */
  people(): readonly PersonDefinition[] {
    return this.peopleList;
  }

  /** The OIDC issuers trusted now, for systems' access tokens and people's tokens. */
  issuers(): readonly OidcIssuer[] {
    return this.issuerList;
  }

  /** The registry version this replica serves. */
  get version(): number {
    return this.loadedVersion;
  }

  /**
   * Refuses (throws) a registry as a change would leave it: the same whole
   * check a load makes (clearances in the scheme, purposes registered, keys
   * for every system unless development keys are on).
   */
  check(definitions: RegistryDefinitions): void {
    if (definitions.people) {
      checkPeople(definitions.people);
      if (!definitions.people.some((person) => person.roles.includes('administrator'))) throw new Error('no administrator would be left to manage the registry');
    }
    SystemRegistry.build(definitions, { levels: this.config.policies.scheme.names, devKeys: this.config.devSystemKeys ? () => PLACEHOLDER_JWKS : undefined });
  }

  private async refreshIfChanged(): Promise<void> {
    try {
      if ((await this.store.version()) !== this.loadedVersion) await this.refresh();
    } catch (error) {
      this.logger.error(`registry version not read: ${(error as Error).message}`);
    }
  }

  current(): SystemRegistry {
    if (!this.registry) throw new Error('registry not loaded');
    return this.registry;
  }

  /**
   * Re-reads the registry. Reloads run one after another (notifications,
   * polls and this replica's own changes can ask at once), so an older read
   * never replaces a newer one.
   */
  refresh(): Promise<void> {
    this.reloading = this.reloading.then(() => this.reload());
    return this.reloading;
  }

  /** Reads the version, then the registry it holds (at least that version); one that fails to load keeps the previous one, except at start. */
  private async reload(options: { failHard?: boolean } = {}): Promise<void> {
    try {
      const version = await this.store.version();
      await this.load();
      this.loadedVersion = version;
    } catch (error) {
      if (options.failHard) throw error;
      this.logger.error(`registry not reloaded, keeping the previous one: ${(error as Error).message}`);
    }
  }

  /** Builds systems, people and issuers from the database and, once all are valid, swaps them in together. */
  private async load(): Promise<void> {
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
    const registry = SystemRegistry.build(definitions, {
      levels: this.config.policies.scheme.names,
      devKeys: (id) => devSystemJwks(this.config.dataDir, id),
    });
    checkPeople(definitions.people ?? []);
    const issuers = this.issuersOf(definitions);
    this.registry = registry;
    this.peopleList = definitions.people ?? [];
    this.issuerList = issuers;
  }

  /** The issuers as objects, the unchanged ones kept (with the keys they have fetched and cached). */
  private issuersOf(definitions: RegistryDefinitions): OidcIssuer[] {
    const kept = new Map(this.issuerList.map((issuer) => [JSON.stringify(issuer.definition), issuer]));
    return (definitions.issuers ?? []).map((raw) => {
      const definition = issuerDefinitionSchema.parse(raw);
      return kept.get(JSON.stringify(definition)) ?? new OidcIssuer(definition, { jwksCooldownMs: this.config.jwksCooldownMs });
    });
  }
}
