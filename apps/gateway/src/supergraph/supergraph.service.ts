import type { SupergraphManager, SupergraphSdlUpdateFunction } from '@apollo/gateway';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog, loadClassificationScheme, type ClassificationScheme } from '#catalog';
import { composeSupergraph, fetchSubgraphs, UnreachableBureausError } from '#supergraph';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { notReadySupergraph } from './not-ready.supergraph.js';

export type SupergraphStatus =
  | { ready: true; source: 'file' | 'composed'; loadedAt: Date; supergraphHash: string; bureaus: string[] }
  | { ready: false; reason: string; unreachable: string[]; since: Date };

/**
 * Owns the supergraph the gateway serves, and the catalog built from it.
 *
 * From a static file (production) it loads once and must be valid. Composing
 * from the bureaus, it starts even when some are down: until the first
 * composition succeeds the gateway serves a placeholder graph, reports
 * not-ready on /health and refuses exchanges; it keeps retrying, and once
 * ready it polls for schema changes.
 */
@Injectable()
export class SupergraphService implements SupergraphManager {
  private readonly logger = new Logger('Supergraph');
  private readonly scheme: ClassificationScheme;
  private current: SupergraphStatus;
  private loadedSdl: string | null = null;
  private catalogValue: Catalog | null = null;
  private timer: NodeJS.Timeout | undefined;
  private update: SupergraphSdlUpdateFunction | undefined;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.scheme = loadClassificationScheme(join(config.policiesDir, 'classification.yaml'));
    this.current = { ready: false, reason: 'not loaded yet', unreachable: [], since: new Date() };
  }

  status(): SupergraphStatus {
    return this.current;
  }

  /** The catalog of the loaded supergraph; null while not ready. */
  get catalog(): Catalog | null {
    return this.catalogValue;
  }

  async initialize({ update }: { update: SupergraphSdlUpdateFunction }) {
    this.update = update;
    if (this.config.supergraphFile) {
      const sdl = readFileSync(this.config.supergraphFile, 'utf8');
      this.accept(sdl, 'file');
      return { supergraphSdl: sdl, cleanup: async () => this.stop() };
    }
    const composed = await this.tryCompose();
    this.schedule();
    return { supergraphSdl: composed ?? notReadySupergraph(), cleanup: async () => this.stop() };
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    const delay = this.current.ready ? this.config.supergraphPollMs : this.config.composeRetryMs;
    if (delay <= 0) return;
    this.timer = setTimeout(() => void this.refresh(), delay);
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    const before = this.loadedSdl;
    const sdl = await this.tryCompose(this.current.ready);
    if (sdl && sdl !== before) {
      try {
        this.update?.(sdl);
      } catch (error) {
        this.logger.error(`the gateway rejected the new supergraph: ${(error as Error).message}`);
      }
    }
    this.schedule();
  }

  /**
   * Composes from the bureaus and accepts the result; null on failure. Once
   * ready, a failed re-poll keeps the graph already served (one bureau
   * restarting is no reason to drop the others).
   */
  private async tryCompose(keepOnFailure = false): Promise<string | null> {
    try {
      const subgraphs = await fetchSubgraphs(this.config.bureaus, { timeoutMs: this.config.bureauTimeoutMs });
      const sdl = composeSupergraph(subgraphs);
      if (sdl !== this.loadedSdl) this.accept(sdl, 'composed');
      return sdl;
    } catch (error) {
      const unreachable = error instanceof UnreachableBureausError ? error.bureaus : [];
      const reason = (error as Error).message;
      if (keepOnFailure) {
        this.logger.warn(`re-composition failed, keeping the current supergraph: ${reason}`);
      } else if (!this.current.ready && this.current.reason !== reason) {
        this.logger.warn(`not ready: ${reason}`);
        this.current = { ready: false, reason, unreachable, since: new Date() };
      }
      return null;
    }
  }

  private accept(sdl: string, source: 'file' | 'composed'): void {
    const catalog = Catalog.fromSupergraph(sdl, this.scheme);
    for (const problem of catalog.problems) this.logger.warn(`catalog: ${problem.coordinate}: ${problem.message}`);
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
