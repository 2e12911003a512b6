import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SupergraphModule } from '../supergraph/supergraph.module.js';
import { GatewayHealthIndicators } from './gateway-health.indicators.js';
import { HealthController } from './health.controller.js';

/** /health, /health/live and /health/ready. Terminus logs nothing itself: the supergraph and the ledger log why they are not ready. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), SupergraphModule],
  providers: [GatewayHealthIndicators],
  controllers: [HealthController],
})
export class HealthModule {}
