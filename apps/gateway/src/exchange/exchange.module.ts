import { Module } from '@nestjs/common';
import { SupergraphModule } from '../supergraph/supergraph.module.js';
import { ExchangePipeline } from './exchange.pipeline.js';
import { ReadinessStage } from './stages/readiness.stage.js';
import { ReceiptStage } from './stages/receipt.stage.js';
import { TraceContextStage } from './stages/trace-context.stage.js';

@Module({
  imports: [SupergraphModule],
  providers: [ExchangePipeline, ReadinessStage, TraceContextStage, ReceiptStage],
  exports: [ExchangePipeline],
})
export class ExchangeModule {}
