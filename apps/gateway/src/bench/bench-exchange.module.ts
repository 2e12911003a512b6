import { Injectable, Logger, type DynamicModule } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ExchangeContext } from '../exchange/exchange.context.js';
import { exchangeError } from '../exchange/exchange.errors.js';
import { EXCHANGE_PHASES_PROVIDER, EXCHANGE_STAGE_PROVIDERS, ExchangeModule } from '../exchange/exchange.module.js';
import { EXCHANGE_STAGES, type AdmitStage, type ExchangePhases } from '../exchange/exchange.phases.js';
import { AuthenticationStage } from '../exchange/stages/authentication.stage.js';
import { PolicyShapingStage } from '../exchange/stages/policy-shaping.stage.js';
import { RegistryService } from '../registry/registry.service.js';
import { SubjectStage } from '../subjects/subject.stage.js';
import type { BenchLayer } from './bench-layers.config.js';

const BENCH_SYSTEM = 'civil-affairs.subsidy-review';

/** Benchmark with authentication off (loopback only): every caller is the demo subsidy review, without a token. */
@Injectable()
export class BenchCallerStage implements AdmitStage {
  constructor(private readonly registry: RegistryService) {}

  admit(exchange: ExchangeContext): void {
    const system = this.registry.current().get(BENCH_SYSTEM);
    if (!system) throw exchangeError('UNAUTHENTICATED', 'The calling system could not be authenticated.', { reason: 'UNKNOWN_SYSTEM' }, 401);
    exchange.principal = { system: system.id, department: system.department, clearance: system.clearance, purpose: system.purposes[0]!, tokenId: randomUUID(), issuer: 'benchmark' };
  }
}

/**
 * The exchange module of the benchmark's gateway (bench-main.ts): the
 * production phase table with the named security layers taken out, to
 * measure what each costs. Nothing of it is reachable from the production
 * entry point (main.ts).
 */
export function benchExchangeModule(off: readonly BenchLayer[]): DynamicModule {
  if (off.length > 0) new Logger('Exchange').warn(`BENCHMARK GATEWAY: security layer(s) OFF: ${off.join(', ')}. Loopback only; never serve real data with it.`);
  return ExchangeModule.forRoot(
    {
      provide: EXCHANGE_STAGES,
      inject: [BenchCallerStage, ...EXCHANGE_STAGE_PROVIDERS],
      useFactory: (caller: BenchCallerStage, ...stages: Parameters<typeof EXCHANGE_PHASES_PROVIDER.useFactory>): ExchangePhases => {
        const phases = EXCHANGE_PHASES_PROVIDER.useFactory(...stages) as ExchangePhases;
        const on = (layer: BenchLayer) => !off.includes(layer);
        return {
          ...phases,
          admit: phases.admit.map((stage) => (stage instanceof AuthenticationStage && !on('authentication') ? caller : stage)),
          // The data-subject index is the ledger's: off with it.
          decide: on('policy') ? phases.decide.filter((stage) => on('ledger') || !(stage instanceof SubjectStage)) : [],
          shape: phases.shape.filter((stage) => (on('policy') || !(stage instanceof PolicyShapingStage)) && (on('ledger') || !(stage instanceof SubjectStage))),
          record: on('ledger') ? phases.record : [],
          refuse: on('ledger') ? phases.refuse : [],
        };
      },
    },
    [BenchCallerStage],
  );
}
