import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { GatewayMetrics } from './gateway-metrics.service.js';
import { MetricsAccessGuard } from './metrics-access.guard.js';

/** GET /metrics in the Prometheus text format, for those MetricsAccessGuard lets in. */
@Controller('metrics')
@UseGuards(MetricsAccessGuard)
export class MetricsController {
  constructor(private readonly metrics: GatewayMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
