import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LedgerService } from '#ledger';
import { SupergraphService } from '../supergraph/supergraph.service.js';

/**
 * Readiness for load balancers and operators (`/health`, `/health/ready`):
 * 200 only while a supergraph is loaded and the ledger commits (no exchange
 * can be served without it); the body says why not. Liveness
 * (`/health/live`): 200 whenever the process answers at all.
 */
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

@Controller('health')
export class HealthController {
  constructor(
    private readonly supergraph: SupergraphService,
    private readonly ledger: LedgerService,
  ) {}

  /** Liveness: the process serves HTTP (a restart helps only when this fails). */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the same as /health, under the name probes expect. */
  @Get('ready')
  ready(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.health(req, res);
  }

  /** The same status for anyone; the details (chain, bureaus, reasons) only for callers on this host, such as its operators and probes. */
  @Get()
  health(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const answer = this.details(res);
    return LOOPBACK.has(req.socket.remoteAddress ?? '') ? answer : { status: answer.status };
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
