import { Injectable } from '@nestjs/common';
import { injectTraceContext } from '#telemetry';
import type { ExchangeStage, OutgoingFetch } from '../exchange.stage.js';

/** Carries the exchange's trace to the bureau (W3C traceparent), so one exchange is one trace. */
@Injectable()
export class TraceContextStage implements ExchangeStage {
  readonly name = 'trace-context';

  forward(_exchange: unknown, fetch: OutgoingFetch): void {
    if (fetch.traceContext) injectTraceContext(fetch.headers, fetch.traceContext);
  }
}
