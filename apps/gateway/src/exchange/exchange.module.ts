import { Module, type DynamicModule, type FactoryProvider, type Provider } from '@nestjs/common';
import { ObjectionMarksModule } from '../corrections/objection-marks.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { SupergraphModule } from '../supergraph/supergraph.module.js';
import { BureauHttpClient } from './bureau-http.client.js';
import { EXCHANGE_STAGES, type ExchangePhases } from './exchange.phases.js';
import { ExchangePipeline } from './exchange.pipeline.js';
import { AuthenticationStage } from './stages/authentication.stage.js';
import { LedgerStage } from './stages/ledger.stage.js';
import { LimitsStage } from './stages/limits.stage.js';
import { RateLimitStage } from './stages/rate-limit.stage.js';
import { QuotaModule } from '../quota/quota.module.js';
import { AccessLogStage } from './stages/access-log.stage.js';
import { MetricsStage } from './stages/metrics.stage.js';
import { OperationCheckStage } from './stages/operation-check.stage.js';
import { PolicyDecisionStage } from './stages/policy-decision.stage.js';
import { PolicyShapingStage } from './stages/policy-shaping.stage.js';
import { QuotaStage } from './stages/quota.stage.js';
import { ReadinessStage } from './stages/readiness.stage.js';
import { ReceiptStage } from './stages/receipt.stage.js';
import { SigningStage } from './stages/signing.stage.js';
import { TraceContextStage } from './stages/trace-context.stage.js';
import { UsageStage } from './stages/usage.stage.js';
import { TrustedDocumentStage } from './stages/trusted-document.stage.js';
import { SubjectStage } from '../subjects/subject.stage.js';
import { TrustedDocumentsModule } from '../trusted-documents/trusted-documents.module.js';

/** Every stage of the pipeline, for the phase table to draw on. */
export const EXCHANGE_STAGE_PROVIDERS = [
  AuthenticationStage,
  RateLimitStage,
  TrustedDocumentStage,
  ReadinessStage,
  OperationCheckStage,
  LimitsStage,
  PolicyDecisionStage,
  QuotaStage,
  TraceContextStage,
  SigningStage,
  PolicyShapingStage,
  SubjectStage,
  ReceiptStage,
  LedgerStage,
  UsageStage,
  MetricsStage,
  AccessLogStage,
];

/**
 * The pipeline of every exchange, phase by phase. Trace context before
 * signing: the token carries the traceparent. The ledger records the answer
 * exactly as it will be released, after it is shaped.
 */
export const EXCHANGE_PHASES_PROVIDER: FactoryProvider<ExchangePhases> = {
  provide: EXCHANGE_STAGES,
  inject: EXCHANGE_STAGE_PROVIDERS,
  useFactory: (
    authentication: AuthenticationStage,
    rateLimit: RateLimitStage,
    trustedDocument: TrustedDocumentStage,
    readiness: ReadinessStage,
    operation: OperationCheckStage,
    limits: LimitsStage,
    decision: PolicyDecisionStage,
    quota: QuotaStage,
    traceContext: TraceContextStage,
    signing: SigningStage,
    shaping: PolicyShapingStage,
    subjects: SubjectStage,
    receipt: ReceiptStage,
    ledger: LedgerStage,
    usage: UsageStage,
    metrics: MetricsStage,
    access: AccessLogStage,
  ): ExchangePhases => ({
    admit: [authentication, rateLimit, trustedDocument, limits, readiness],
    check: [operation],
    decide: [decision, subjects, quota],
    forward: [traceContext, signing],
    shape: [shaping, subjects, receipt],
    record: [ledger, usage, metrics, access],
    refuse: [ledger, metrics, access],
  }),
};

/**
 * The exchange endpoint's pipeline and the client it calls bureaus with.
 * `phases` replaces the phase table (the benchmark's gateway only: see
 * apps/gateway/src/bench); production always uses EXCHANGE_PHASES_PROVIDER.
 */
@Module({})
export class ExchangeModule {
  static forRoot(phases: FactoryProvider<ExchangePhases> = EXCHANGE_PHASES_PROVIDER, extraProviders: Provider[] = []): DynamicModule {
    return {
      module: ExchangeModule,
      imports: [SupergraphModule, SigningModule, IdentityModule, PolicyModule, TrustedDocumentsModule, QuotaModule, ObjectionMarksModule],
      providers: [ExchangePipeline, BureauHttpClient, ...EXCHANGE_STAGE_PROVIDERS, ...extraProviders, phases],
      exports: [ExchangePipeline, BureauHttpClient],
    };
  }
}
