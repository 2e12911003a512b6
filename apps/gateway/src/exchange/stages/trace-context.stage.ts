import { Injectable } from '@nestjs/common';
import { injectTraceContext } from '#telemetry';
import type { ForwardStage, OutgoingFetch } from '../exchange.phases.js';

/** Carries the exchange's trace to the bureau (W3C traceparent), so one exchange is one trace. */
@Injectable()
export class TraceContextStage implements ForwardStage {
  forward(_exchange: unknown, fetch: OutgoingFetch): void {
    if (fetch.traceContext) injectTraceContext(fetch.headers, fetch.traceContext);
  }
}
