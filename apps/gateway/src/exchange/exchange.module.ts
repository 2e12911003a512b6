import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { SupergraphModule } from '../supergraph/supergraph.module.js';
import { BureauHttpClient } from './bureau-http.client.js';
import { ExchangePipeline } from './exchange.pipeline.js';
import { AuthenticationStage } from './stages/authentication.stage.js';
import { LedgerStage } from './stages/ledger.stage.js';
import { PolicyStage } from './stages/policy.stage.js';
import { ReadinessStage } from './stages/readiness.stage.js';
import { ReceiptStage } from './stages/receipt.stage.js';
import { SigningStage } from './stages/signing.stage.js';
import { TraceContextStage } from './stages/trace-context.stage.js';

@Module({
  imports: [SupergraphModule, SigningModule, IdentityModule, PolicyModule, LedgerModule],
  providers: [ExchangePipeline, BureauHttpClient, AuthenticationStage, PolicyStage, ReadinessStage, TraceContextStage, SigningStage, ReceiptStage, LedgerStage],
  exports: [ExchangePipeline, BureauHttpClient],
})
export class ExchangeModule {}
