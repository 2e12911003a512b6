import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SupergraphService } from '../supergraph/supergraph.service.js';

/**
 * Readiness for load balancers and operators: 200 only while a supergraph is
 * loaded (the ledger joins this check when it exists). The body says why not.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly supergraph: SupergraphService) {}

  @Get()
  health(@Res({ passthrough: true }) res: Response) {
    const status = this.supergraph.status();
    if (status.ready) {
      return {
        status: 'ok',
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
      reason: status.unreachable.length
        ? `unreachable bureaus: ${status.unreachable.join(', ')}`
        : 'the supergraph could not be loaded',
      since: status.since.toISOString(),
    };
  }
}
