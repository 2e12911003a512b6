import { Module } from '@nestjs/common';
import { SigningModule } from '../signing/signing.module.js';
import { SupergraphModule } from '../supergraph/supergraph.module.js';
import { ExchangePipeline } from './exchange.pipeline.js';
import { ReadinessStage } from './stages/readiness.stage.js';
import { ReceiptStage } from './stages/receipt.stage.js';
import { SigningStage } from './stages/signing.stage.js';
import { TraceContextStage } from './stages/trace-context.stage.js';

@Module({
  imports: [SupergraphModule, SigningModule],
  providers: [ExchangePipeline, ReadinessStage, TraceContextStage, SigningStage, ReceiptStage],
  exports: [ExchangePipeline],
})
export class ExchangeModule {}
