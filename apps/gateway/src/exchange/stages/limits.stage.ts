import { Inject, Injectable } from '@nestjs/common';
import { exceededLimit, measureOperation } from '#policy';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway.config.js';
import { RegistryService } from '../../registry/registry.service.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeError } from '../exchange.errors.js';
import type { CheckStage, ExchangeRequest } from '../exchange.phases.js';

/**
 * Refuses an operation that asks for too much before anything expensive
 * happens (the field decisions, planning, the bureaus): its depth, root
 * fields, aliases, fields after fragment expansion and directives are
 * counted in time linear in the document and compared with the configured
 * limits, and so are the records it can return (page sizes multiplied
 * through nesting and aliases). QUERY_TOO_COMPLEX, or QUERY_TOO_COSTLY for
 * the records (HTTP 400), names the limit, the measured value and the
 * allowed one; the refusal is recorded like every answer.
 */
@Injectable()
export class LimitsStage implements CheckStage {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly registry: RegistryService,
  ) {}

  check(exchange: ExchangeContext, request: ExchangeRequest): void {
    if (!request.document) return;
    // A system's own limits, where its registry entry gives any, over the gateway's defaults.
    const own = exchange.principal ? this.registry.current().get(exchange.principal.system)?.limits : undefined;
    const limits = own ? { ...this.config.limits, ...own } : this.config.limits;
    const exceeded = exceededLimit(measureOperation(request.document, request.operationName, request.request.variables ?? {}), limits);
    if (!exceeded) return;
    // How many records it can return is its cost; the rest is its complexity.
    throw exchangeError(
      exceeded.limit === 'records' ? 'QUERY_TOO_COSTLY' : 'QUERY_TOO_COMPLEX',
      `The operation exceeds the gateway's ${exceeded.limit} limit: ${exceeded.measured} > ${exceeded.allowed}.`,
      { limit: exceeded.limit, measured: exceeded.measured, allowed: exceeded.allowed },
      400,
    );
  }
}
