import { Injectable } from '@nestjs/common';
import { GatewayMetrics } from '../../metrics/gateway-metrics.service.js';
import { RegistryService } from '../../registry/registry.service.js';
import { SupergraphService } from '../../supergraph/supergraph.service.js';
import type { ExchangeContext } from '../exchange.context.js';
import { EXCHANGE_ERROR_CODES } from '../exchange.errors.js';
import type { RecordStage, RefuseStage } from '../exchange.phases.js';

const KNOWN_CODES = new Set<string>(EXCHANGE_ERROR_CODES);

/**
 * After the record (and after a refusal's record): the exchange counted in
 * the gateway's metrics — by decision, system and purpose (registered ones
 * only, so a forged token cannot grow the label set), its error codes, the
 * owners whose data it was served, and its bureau calls.
 */
@Injectable()
export class MetricsStage implements RecordStage, RefuseStage {
  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly registry: RegistryService,
    private readonly supergraph: SupergraphService,
  ) {}

  record(exchange: ExchangeContext): void {
    this.count(exchange);
  }

  refuse(exchange: ExchangeContext): void {
    this.count(exchange);
  }

  private count(exchange: ExchangeContext): void {
    const { metrics } = this;
    const decision = exchange.recorded?.decision ?? 'FAILED';
    const registry = this.registry.current();
    // A system whose purpose was refused is still who it is (its token verified).
    const caller = exchange.principal ?? exchange.verifiedCaller;
    const system = caller && registry.get(caller.system) ? caller.system : 'unregistered';
    const purpose = exchange.principal && registry.purposes.has(exchange.principal.purpose) ? exchange.principal.purpose : 'none';
    metrics.exchanges.inc({ decision, system, purpose });
    metrics.exchangeDuration.observe({ decision }, (Date.now() - exchange.startedAt.getTime()) / 1000);
    for (const code of exchange.recorded?.errorCodes ?? []) metrics.errors.inc({ code: KNOWN_CODES.has(code) ? code : 'OTHER' });
    for (const fetch of exchange.fetches) {
      metrics.bureauFetches.observe({ bureau: fetch.bureau, outcome: fetch.ok ? 'ok' : 'failed' }, fetch.durationMs / 1000);
      if (fetch.failure) metrics.bureauFailures.inc({ bureau: fetch.bureau, reason: fetch.failure });
    }
    const catalog = this.supergraph.catalog;
    if (!catalog || !exchange.policy || (decision !== 'ALLOWED' && decision !== 'PARTIAL')) return;
    const owners = new Set<string>();
    for (const field of exchange.policy.fields) if (field.allowed) for (const coordinate of field.coordinates) owners.add(catalog.lookupCoordinate(coordinate).owner);
    for (const owner of owners) metrics.ownerReads.inc({ owner });
  }
}
