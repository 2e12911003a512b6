import { Controller, Get, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Request, Response } from 'express';
import { LedgerService } from '#ledger';
import { fromThisHost } from '../loopback.js';
import { SupergraphService } from '../supergraph/supergraph.service.js';
import { GatewayHealthIndicators } from './gateway-health.indicators.js';

/**
 * Liveness (`/health/live`: 200 whenever the process answers at all) and
 * readiness (`/health/ready`: 200 only while a supergraph is loaded, the
 * ledger commits and the database answers; 503 otherwise) in
 * @nestjs/terminus's form (`status`, `info`, `error`, `details`). `/health`
 * stays as it was, for load balancers configured before: the readiness
 * status with a reason. Details go only to callers on this host (operators,
 * node-local probes); anyone else gets the statuses alone.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly supergraph: SupergraphService,
    private readonly ledger: LedgerService,
    private readonly checks: HealthCheckService,
    private readonly indicators: GatewayHealthIndicators,
  ) {}

  /** Liveness: the process serves HTTP (a restart helps only when this fails). */
  @Get('live')
  live() {
    return this.checks.check([]);
  }

  @Get('ready')
  async ready(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    let result: HealthCheckResult;
    try {
      result = await this.checks.check(this.indicators.readiness());
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      result = error.getResponse() as HealthCheckResult;
    }
    return fromThisHost(req) ? result : statusesOnly(result);
  }

  /** The same status for anyone; the details (chain, bureaus, reasons) only for callers on this host, such as its operators and probes. */
  @Get()
  health(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const answer = this.details(res);
    return fromThisHost(req) ? answer : { status: answer.status };
  }

  private details(res: Response) {
    const status = this.supergraph.status();
    const ledgerDown = this.ledger.unavailable;
    if (ledgerDown) {
      res.status(503);
      // The database error stays in the gateway's log: it may name hosts and users.
      return { status: 'not-ready', reason: 'the exchange ledger cannot commit', since: ledgerDown.since.toISOString() };
    }
    if (status.ready) {
      return {
        status: 'ok',
        ledger: { chain: this.ledger.chain },
        supergraph: {
          source: status.source,
          loadedAt: status.loadedAt.toISOString(),
          hash: status.supergraphHash,
          version: status.version,
          bureaus: status.bureaus,
        },
      };
    }
    res.status(503);
    return {
      status: 'not-ready',
      // Names of unreachable bureaus only: their URLs are internal.
      reason: status.unreachable.length ? `unreachable bureaus: ${status.unreachable.join(', ')}` : 'the supergraph could not be loaded',
      since: status.since.toISOString(),
    };
  }
}

/** Each indicator's up or down, without its details. */
function statusesOnly(result: HealthCheckResult): HealthCheckResult {
  const strip = (group: Partial<HealthIndicatorResult> | undefined): HealthIndicatorResult =>
    Object.fromEntries(Object.entries(group ?? {}).map(([key, value]) => [key, { status: value!.status }]));
  return { status: result.status, info: strip(result.info), error: strip(result.error), details: strip(result.details) };
}
