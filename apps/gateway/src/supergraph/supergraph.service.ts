import type { SupergraphManager, SupergraphSdlUpdateFunction } from '@apollo/gateway';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { Catalog, catalogChanges } from '#catalog';
import type { BureauEndpoint } from '#config';
import { ExchangeTokenSigner } from '#exchange-token';
import { apiSchemaOf, assertServable, composeSupergraph, fetchSubgraphs, signedSubgraphFetch, UnreachableBureausError, type SubgraphFetch } from '#supergraph';
import { ChangeListener } from '../database/change.listener.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { RegistryStore } from '../registry/registry.store.js';
import { notReadySupergraph } from './not-ready.supergraph.js';
import type { SupergraphVersionEntity } from './supergraph-version.entity.js';
import { SUPERGRAPH_CHANNEL, SupergraphStore, type SupergraphChecks } from './supergraph.store.js';

export type SupergraphStatus =
  | { ready: true; source: 'file' | 'composed' | 'stored'; loadedAt: Date; supergraphHash: string; version: number; bureaus: string[] }
  | { ready: false; reason: string; unreachable: string[]; since: Date };

export interface Candidate {
  sdl: string;
  catalog: Catalog;
}

/** What offered a new graph, and whether a person can be told why it was not served. */
export interface OfferResult {
  version: SupergraphVersionEntity | null;
  served: boolean;
}

/**
 * Owns the supergraph the gateway serves, and the catalog built from it.
 *
 * Every graph served is a version in the gateway database (SupergraphStore),
 * checked against the graph served before it: one that loosens governance
 * waits for an administrator's approval. Every replica serves the ACTIVE
 * version and switches atomically when it changes (NOTIFY on PostgreSQL,
 * polling every `policyPollMs` everywhere).
 *
 * Composing from the registered bureaus, a gateway with a stored version
 * serves it at once, even while bureaus are down (their fields answer
 * BUREAU_UNAVAILABLE); on its first start ever it serves a placeholder,
 * reports not-ready and refuses exchanges until the first composition. It
 * keeps composing and offers each new graph. From a static file it offers
 * the file at start and whenever the file changes (watched), with the same
 * checks. Ready means the gateway has accepted the graph.
 */
@Injectable()
export class SupergraphService implements SupergraphManager, OnModuleDestroy {
  private readonly logger = new Logger('Supergraph');
  private current: SupergraphStatus = { ready: false, reason: 'not loaded yet', unreachable: [], since: new Date() };
  private loadedSdl: string | null = null;
  private catalogValue: Catalog | null = null;
  private timer: NodeJS.Timeout | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private update: SupergraphSdlUpdateFunction | undefined;
  private following = false;
  private heldHash: string | null = null;
  private refusedHash: string | null = null;
  private apiSchemaValue: { sdl: string; schema: GraphQLSchema } | null = null;
  private readonly listener: ChangeListener;
  private readonly fetch: SubgraphFetch;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    signer: ExchangeTokenSigner,
    private readonly store: SupergraphStore,
    private readonly registry: RegistryStore,
    dataSource: DataSource,
  ) {
    this.fetch = signedSubgraphFetch(signer);
    this.listener = new ChangeListener(dataSource, SUPERGRAPH_CHANNEL, () => void this.follow(), 'supergraph');
  }

  status(): SupergraphStatus {
    return this.current;
  }

  /** The catalog of the loaded supergraph; null while not ready. */
  get catalog(): Catalog | null {
    return this.catalogValue;
  }

  /** The schema callers see, for deciding operations outside an exchange (simulation); null while not ready. */
  get apiSchema(): GraphQLSchema | null {
    if (!this.loadedSdl) return null;
    if (this.apiSchemaValue?.sdl !== this.loadedSdl) this.apiSchemaValue = { sdl: this.loadedSdl, schema: apiSchemaOf(this.loadedSdl) };
    return this.apiSchemaValue.schema;
  }

  async initialize({ update }: { update: SupergraphSdlUpdateFunction }) {
    this.stopped = false;
    // Handed to the gateway only once initialize has returned what it loads first.
    this.update = undefined;
    const cleanup = async () => this.stop();
    const loaded = <T>(value: T): T => {
      this.update = update;
      return value;
    };
    if (this.config.supergraphFile) {
      // The gateway loads what initialize returns, or fails to start: an unreadable or invalid file stops it here.
      const sdl = readFileSync(this.config.supergraphFile, 'utf8');
      await this.offer({ sdl, catalog: this.catalogOf(sdl) }, 'file', 'file');
      const active = await this.servableActive();
      if (!active) throw new Error(`the supergraph file ${this.config.supergraphFile} was not activated`);
      if (!this.current.ready || this.current.supergraphHash !== active.hash) this.commit(active, 'file');
      this.watchFile();
      await this.startFollowing();
      return loaded({ supergraphSdl: active.sdl, cleanup });
    }
    await this.registry.seedBureausWhenEmpty(this.config.bureaus.map(({ name, url }) => ({ name, department: name, url })));
    const active = await this.servableActive();
    if (active) {
      // Served at once, whichever bureaus are up: the last graph approved is never worse than nothing.
      this.commit(active, 'stored');
      await this.startFollowing();
      return loaded({ supergraphSdl: active.sdl, cleanup });
    }
    // Bureaus verify the gateway's signature against its published JWKS,
    // which is served only once the gateway listens: compose after that
    // (startComposing), and serve the not-ready placeholder until then.
    return loaded({ supergraphSdl: notReadySupergraph(), cleanup });
  }

  /** The active version, unless the engine cannot serve it (earlier gateways stored such graphs): then it composes as on a first start. */
  private async servableActive(): Promise<SupergraphVersionEntity | null> {
    const active = await this.store.active();
    try {
      if (active) assertServable(active.sdl);
      return active;
    } catch (error) {
      this.logger.error(`the active supergraph version ${active!.version} is not served: ${(error as Error).message}`);
      return null;
    }
  }

  /** Called once the gateway listens (compose mode): first composition now, then retry or poll. */
  startComposing(): void {
    if (this.config.supergraphFile || this.stopped) return;
    void this.refresh();
  }

  onModuleDestroy(): void {
    this.stop();
  }

  /** Composes a candidate from `bureaus` (the registered ones by default); throws CompositionError or UnreachableBureausError. */
  async compose(bureaus?: readonly BureauEndpoint[]): Promise<Candidate> {
    const subgraphs = await fetchSubgraphs(bureaus ?? (await this.registry.bureaus()), { timeoutMs: this.config.bureauTimeoutMs, fetch: this.fetch });
    const sdl = composeSupergraph(subgraphs);
    return { sdl, catalog: this.catalogOf(sdl) };
  }

  /** Offers a composed candidate on behalf of a person (a bureau registered or changed). */
  async offerComposed(candidate: Candidate, proposedBy: string): Promise<OfferResult> {
    return this.offer(candidate, 'composition', proposedBy);
  }

  /** The checks of a candidate graph against the active version (null: nothing served yet, so nothing loosens). */
  checks(active: { sdl: string } | null, candidate: { sdl: string; catalog?: Catalog }): SupergraphChecks {
    const catalog = candidate.catalog ?? this.catalogOf(candidate.sdl, { quiet: true });
    return { ...catalogChanges(active && this.catalogOf(active.sdl, { quiet: true }), catalog), bureaus: catalog.bureaus.map((bureau) => bureau.name) };
  }

  /** Serves the active version now if it is not the one served (after an approval or rollback on this replica). */
  async follow(): Promise<void> {
    if (this.stopped) return;
    try {
      const active = await this.store.activeHash();
      if (!active || active.hash === (this.current.ready ? this.current.supergraphHash : null)) return;
      const row = await this.store.active();
      if (row) this.apply(row, this.config.supergraphFile ? 'file' : 'stored');
    } catch (error) {
      this.logger.error(`active supergraph not read: ${(error as Error).message}`);
    }
  }

  private stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.followTimer);
    if (this.config.supergraphFile) unwatchFile(this.config.supergraphFile);
    this.listener.stop();
  }

  private async startFollowing(): Promise<void> {
    if (this.following) return;
    this.following = true;
    await this.listener.start();
    if (this.config.policyPollMs > 0) {
      this.followTimer = setInterval(() => void this.follow(), this.config.policyPollMs);
      this.followTimer.unref();
    }
  }

  /** Offers the file again whenever it changes (polled: fs.watch misses files replaced by rename on some systems). */
  private watchFile(): void {
    const file = this.config.supergraphFile!;
    watchFile(file, { interval: Math.max(100, Math.min(this.config.supergraphPollMs, 5000)), persistent: false }, (now, before) => {
      if (this.stopped || (now.mtimeMs === before.mtimeMs && now.size === before.size)) return;
      void (async () => {
        try {
          const sdl = readFileSync(file, 'utf8');
          await this.offer({ sdl, catalog: this.catalogOf(sdl) }, 'file', 'file');
        } catch (error) {
          this.logger.error(`the changed supergraph file is not served: ${(error as Error).message}`);
        }
      })();
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = this.current.ready ? this.config.supergraphPollMs : this.config.composeRetryMs;
    if (delay <= 0) return;
    this.timer = setTimeout(() => void this.refresh(), delay);
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    try {
      await this.offer(await this.compose(), 'composition', 'composition');
      if (!this.following && this.current.ready) await this.startFollowing();
    } catch (error) {
      this.notComposed(error as Error);
    }
    this.schedule();
  }

  /** Offers a candidate and serves whatever is active afterwards on this replica. */
  private async offer(candidate: Candidate, source: 'composition' | 'file', proposedBy: string): Promise<OfferResult> {
    const hash = candidate.catalog.supergraphHash;
    if (this.current.ready && this.current.supergraphHash === hash) return { version: null, served: true };
    if (source === 'file') assertServable(candidate.sdl); // before it is stored (a composed graph was checked when composed)
    const version = await this.store.offer({
      sdl: candidate.sdl,
      hash,
      source,
      proposedBy,
      // Against the version active in the database, which may be newer than the one this replica serves.
      checks: (active) => this.checks(active, candidate),
    });
    if (!version) return { version, served: false };
    if (version.status === 'PENDING' && this.heldHash !== hash) {
      this.heldHash = hash;
      this.logger.warn(`supergraph version ${version.version} awaits an administrator's approval: ${version.checks.loosened.join('; ')}`);
    }
    if (version.status === 'ACTIVE' && this.stopped === false) this.apply(version, source === 'file' ? 'file' : 'composed');
    return { version, served: version.status === 'ACTIVE' };
  }

  private notComposed(error: Error): void {
    const reason = error.message;
    if (this.current.ready) {
      this.logger.warn(`re-composition failed, keeping the current supergraph: ${reason}`);
    } else if (this.current.reason !== reason) {
      this.logger.warn(`not ready: ${reason}`);
      const unreachable = error instanceof UnreachableBureausError ? error.bureaus : [];
      this.current = { ready: false, reason, unreachable, since: new Date() };
    }
  }

  /** Hands a version to the gateway, then serves its catalog; a version the gateway refuses leaves the current one served. */
  private apply(version: SupergraphVersionEntity, source: 'file' | 'composed' | 'stored'): void {
    if (this.current.ready && this.current.supergraphHash === version.hash) return;
    if (this.refusedHash === version.hash) return; // told once: follow() reads the active version again and again
    try {
      this.update?.(version.sdl);
      this.commit(version, source);
    } catch (error) {
      this.refusedHash = version.hash;
      this.logger.error(`the gateway rejected supergraph version ${version.version}: ${(error as Error).message}`);
    }
  }

  /** The catalog of `sdl` (the served one when it is that graph); its problems are logged unless `quiet` (a graph only compared with). */
  private catalogOf(sdl: string, options: { quiet?: boolean } = {}): Catalog {
    if (this.catalogValue && this.loadedSdl === sdl) return this.catalogValue;
    const catalog = Catalog.fromSupergraph(sdl, this.config.policies.scheme, this.config.policies.entityOwners);
    if (!options.quiet) for (const problem of catalog.problems) this.logger.warn(`catalog: ${problem.coordinate}: ${problem.message}`);
    return catalog;
  }

  private commit(version: SupergraphVersionEntity, source: 'file' | 'composed' | 'stored'): void {
    const catalog = this.catalogValue?.supergraphHash === version.hash ? this.catalogValue : this.catalogOf(version.sdl);
    this.catalogValue = catalog;
    this.loadedSdl = version.sdl;
    this.current = {
      ready: true,
      source,
      loadedAt: new Date(),
      supergraphHash: catalog.supergraphHash,
      version: version.version,
      bureaus: catalog.bureaus.map((bureau) => bureau.name),
    };
    this.logger.log(`supergraph version ${version.version} loaded (${source}, ${catalog.size} fields, ${catalog.bureaus.length} bureaus)`);
  }
}
