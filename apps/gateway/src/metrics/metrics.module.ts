import { Global, Module } from '@nestjs/common';
import { GatewayMetrics } from './gateway-metrics.service.js';
import { LedgerMetrics } from './ledger-metrics.js';
import { MetricsController } from './metrics.controller.js';

/** The gateway's Prometheus metrics: one registry every module records into, served at GET /metrics. */
@Global()
@Module({ providers: [GatewayMetrics, LedgerMetrics], controllers: [MetricsController], exports: [GatewayMetrics] })
export class MetricsModule {}
