import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, TypeOrmHealthIndicator, type HealthIndicatorFunction, type HealthIndicatorResult } from '@nestjs/terminus';
import { LedgerService } from '#ledger';
import { SupergraphService } from '../supergraph/supergraph.service.js';

/**
 * What readiness depends on, as @nestjs/terminus indicators: a supergraph
 * is loaded, the ledger commits (no exchange may be served without it), and
 * the database answers. Their details name bureaus and chains, never URLs.
 */
@Injectable()
export class GatewayHealthIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly supergraph: SupergraphService,
    private readonly ledger: LedgerService,
  ) {}

  readiness(): HealthIndicatorFunction[] {
    return [() => this.supergraphLoaded(), () => this.ledgerCommits(), () => this.database.pingCheck('database', { timeout: 1_000 })];
  }

  supergraphLoaded(): HealthIndicatorResult {
    const check = this.indicators.check('supergraph');
    const status = this.supergraph.status();
    if (status.ready) return check.up({ source: status.source, loadedAt: status.loadedAt.toISOString(), hash: status.supergraphHash });
    return check.down({
      // Names of unreachable bureaus only: their URLs are internal.
      reason: status.unreachable.length ? `unreachable bureaus: ${status.unreachable.join(', ')}` : 'the supergraph could not be loaded',
      since: status.since.toISOString(),
    });
  }

  ledgerCommits(): HealthIndicatorResult {
    const check = this.indicators.check('ledger');
    const down = this.ledger.unavailable;
    // The database error stays in the gateway's log: it may name hosts and users.
    return down ? check.down({ reason: 'the exchange ledger cannot commit', since: down.since.toISOString() }) : check.up({ chain: this.ledger.chain });
  }
}
