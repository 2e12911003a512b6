import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { GatewayMetrics } from '../metrics/gateway-metrics.service.js';
import type { ExchangePhases } from './exchange.phases.js';
import { ExchangePipeline } from './exchange.pipeline.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const request = { socket: { remoteAddress: '127.0.0.1' }, headers: {} } as unknown as IncomingMessage;

function pipeline(admit: () => void, recorded: string[] = []): { pipeline: ExchangePipeline; metrics: GatewayMetrics } {
  const phases: ExchangePhases = {
    admit: [{ admit }],
    check: [],
    decide: [],
    forward: [{ forward: (_exchange, fetch) => void (fetch.headers.authorization = 'Bearer signed') }],
    shape: [],
    record: [],
    refuse: [{ refuse: (exchange) => void recorded.push(exchange.id) }],
  };
  const metrics = new GatewayMetrics();
  return { pipeline: new ExchangePipeline(phases, metrics), metrics };
}

describe('the pipeline, phase by phase', () => {
  beforeEach(() => {
    exporter.reset();
    trace.setGlobalTracerProvider(provider);
  });
  afterEach(() => trace.disable());

  it('runs each phase in a span of its own, timed in the metrics', async () => {
    const { pipeline: exchanges, metrics } = pipeline(() => undefined);
    const { exchange } = await exchanges.open(request);
    const callSpan = provider.getTracer('test').startSpan('POST bureau');
    const fetch = { bureau: 'health', headers: {} as Record<string, string>, body: '{}', traceContext: trace.setSpan(ROOT_CONTEXT, callSpan) };
    await exchanges.forward(exchange, fetch);
    expect(fetch.headers.authorization).toBe('Bearer signed');
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(['causeway.admit', 'causeway.forward']);
    // The signature belongs to the bureau call: its phase span is the call's child.
    expect(spans[1]!.parentSpanContext?.spanId).toBe(callSpan.spanContext().spanId);
    const timed = await metrics.registry.getSingleMetricAsString('causeway_phase_duration_seconds');
    expect(timed).toMatch(/causeway_phase_duration_seconds_count\{phase="admit"\} 1/);
    expect(timed).toMatch(/causeway_phase_duration_seconds_count\{phase="forward"\} 1/);
  });

  it('a refused admission: its span says so, and the refusal is recorded under the exchange id it is answered with', async () => {
    const recorded: string[] = [];
    const { pipeline: exchanges } = pipeline(() => {
      throw new GraphQLError('no', { extensions: { code: 'UNAUTHENTICATED' } });
    }, recorded);
    const refusal = (await exchanges.open(request).catch((error: unknown) => error)) as GraphQLError;
    expect(refusal.extensions.code).toBe('UNAUTHENTICATED');
    expect(recorded).toEqual([refusal.extensions.exchangeId]);
    const [admit] = exporter.getFinishedSpans();
    expect([admit!.name, admit!.status.code]).toEqual(['causeway.admit', SpanStatusCode.ERROR]);
  });

  it('drain resolves at once with nothing in flight', async () => {
    const { pipeline: exchanges } = pipeline(() => undefined);
    await expect(exchanges.drain(10_000)).resolves.toBeUndefined();
  });
});
