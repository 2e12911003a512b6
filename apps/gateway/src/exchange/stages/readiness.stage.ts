import { Injectable } from '@nestjs/common';
import { SupergraphService } from '../../supergraph/supergraph.service.js';
import { exchangeError } from '../exchange.errors.js';
import type { AdmitStage } from '../exchange.phases.js';

/** Refuses exchanges while no real supergraph is loaded (bureaus unreachable at start-up). */
@Injectable()
export class ReadinessStage implements AdmitStage {
  constructor(private readonly supergraph: SupergraphService) {}

  admit(): void {
    const status = this.supergraph.status();
    if (status.ready) return;
    throw exchangeError('BUREAU_UNAVAILABLE', 'The federated graph is not available yet: not every bureau could be reached. Retry shortly.', { reason: 'supergraph-not-ready' }, 503);
  }
}
