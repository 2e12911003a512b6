import type { SupergraphManager, SupergraphSdlUpdateFunction } from '@apollo/gateway';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import { Catalog } from '#catalog';
import { ExchangeTokenSigner } from '#exchange-token';
import { apiSchemaOf, composeSupergraph, fetchSubgraphs, signedSubgraphFetch, UnreachableBureausError, type SubgraphFetch } from '#supergraph';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { notReadySupergraph } from './not-ready.supergraph.js';

export type SupergraphStatus =
  { ready: true; source: 'file' | 'composed'; loadedAt: Date; supergraphHash: string; bureaus: string[] } | { ready: false; reason: string; unreachable: string[]; since: Date };

interface Candidate {
  sdl: string;
  catalog: Catalog;
}

/**
 * Owns the supergraph the gateway serves, and the catalog built from it.
 *
 * From a static file (production) it loads once and must be valid. Composing
 * from the bureaus, it starts even when some are down: until the first
 * composition succeeds the gateway serves a placeholder graph, reports
 * not-ready on /health and refuses exchanges; it keeps retrying, and once
 * ready it polls for schema changes. Ready means the gateway has accepted
 * the graph, never only that composition worked.
 */
@Injectable()
export class SupergraphService implements SupergraphManager {
  private readonly logger = new Logger('Supergraph');
  private current: SupergraphStatus = { ready: false, reason: 'not loaded yet', unreachable: [], since: new Date() };
  private loadedSdl: string | null = null;
  private catalogValue: Catalog | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private update: SupergraphSdlUpdateFunction | undefined;

  private readonly fetch: SubgraphFetch;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    signer: ExchangeTokenSigner,
  ) {
    this.fetch = signedSubgraphFetch(signer);
  }

  status(): SupergraphStatus {
    return this.current;
  }

  /** The catalog of the loaded supergraph; null while not ready. */
  get catalog(): Catalog | null {
    return this.catalogValue;
  }

  private apiSchemaValue: { sdl: string; schema: GraphQLSchema } | null = null;

  /** The schema callers see, for deciding operations outside an exchange (simulation); null while not ready. */
  get apiSchema(): GraphQLSchema | null {
    if (!this.loadedSdl) return null;
    if (this.apiSchemaValue?.sdl !== this.loadedSdl) this.apiSchemaValue = { sdl: this.loadedSdl, schema: apiSchemaOf(this.loadedSdl) };
    return this.apiSchemaValue.schema;
  }

  async initialize({ update }: { update: SupergraphSdlUpdateFunction }) {
    this.stopped = false;
    this.update = update;
    const cleanup = async () => this.stop();
    if (this.config.supergraphFile) {
      const sdl = readFileSync(this.config.supergraphFile, 'utf8');
      // The gateway loads what initialize returns, or fails to start.
      this.commit({ sdl, catalog: this.catalogOf(sdl) }, 'file');
      return { supergraphSdl: sdl, cleanup };
    }
    // Bureaus verify the gateway's signature against its published JWKS,
    // which is served only once the gateway listens: compose after that
    // (startComposing), and serve the not-ready placeholder until then.
    return { supergraphSdl: notReadySupergraph(), cleanup };
  }

  /** Called once the gateway listens (compose mode): first composition now, then retry or poll. */
  startComposing(): void {
    if (this.config.supergraphFile || this.stopped) return;
    void this.refresh();
  }

  private stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = this.current.ready ? this.config.supergraphPollMs : this.config.composeRetryMs;
    if (delay <= 0) return;
    this.timer = setTimeout(() => void this.refresh(), delay);
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    const candidate = await this.compose(this.current.ready);
    if (this.stopped) return;
    if (candidate && candidate.sdl !== this.loadedSdl) {
      try {
        this.update?.(candidate.sdl);
        this.commit(candidate, 'composed');
      } catch (error) {
        this.logger.error(`the gateway rejected the new supergraph: ${(error as Error).message}`);
      }
    }
    this.schedule();
  }

  /**
   * Composes from the bureaus; null on failure. Once ready, a failed re-poll
   * keeps the graph already served (one bureau restarting is no reason to
   * drop the others).
   */
  private async compose(ready: boolean): Promise<Candidate | null> {
    try {
      const subgraphs = await fetchSubgraphs(this.config.bureaus, {
        timeoutMs: this.config.bureauTimeoutMs,
        fetch: this.fetch,
      });
      const sdl = composeSupergraph(subgraphs);
      return { sdl, catalog: this.catalogOf(sdl) };
    } catch (error) {
      const reason = (error as Error).message;
      if (ready) {
        this.logger.warn(`re-composition failed, keeping the current supergraph: ${reason}`);
      } else if (this.current.ready || this.current.reason !== reason) {
        this.logger.warn(`not ready: ${reason}`);
        const unreachable = error instanceof UnreachableBureausError ? error.bureaus : [];
        this.current = { ready: false, reason, unreachable, since: new Date() };
      }
      return null;
    }
  }

  private catalogOf(sdl: string): Catalog {
    const catalog = Catalog.fromSupergraph(sdl, this.config.policies.scheme, this.config.policies.entityOwners);
    for (const problem of catalog.problems) this.logger.warn(`catalog: ${problem.coordinate}: ${problem.message}`);
    return catalog;
  }

  private commit({ sdl, catalog }: Candidate, source: 'file' | 'composed'): void {
    this.catalogValue = catalog;
    this.loadedSdl = sdl;
    this.current = {
      ready: true,
      source,
      loadedAt: new Date(),
      supergraphHash: catalog.supergraphHash,
      bureaus: catalog.bureaus.map((bureau) => bureau.name),
    };
    this.logger.log(`supergraph loaded (${source}, ${catalog.size} fields, ${catalog.bureaus.length} bureaus)`);
  }
}
