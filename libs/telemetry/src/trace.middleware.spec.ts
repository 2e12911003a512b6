import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentTraceId, injectTraceContext, traceMiddleware, withClientSpan } from './trace.middleware.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
});

afterAll(() => {
  trace.disable();
  propagation.disable();
  context.disable();
});

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('traceMiddleware', () => {
  it("continues the caller's trace and forwards it to the next hop", async () => {
    const req = { method: 'POST', url: '/graphql?x=1', headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } };
    const res = Object.assign(new EventEmitter(), { statusCode: 200 });
    let seenTrace: string | undefined;
    const forwarded: Record<string, string> = {};
    await new Promise<void>((resolve) =>
      traceMiddleware('test')(req as unknown as IncomingMessage, res as unknown as ServerResponse, () => {
        seenTrace = currentTraceId();
        void withClientSpan('fetch bureau', {}, async () => injectTraceContext(forwarded)).then(() => resolve());
      }),
    );
    res.emit('finish');

    expect(seenTrace).toBe(CALLER_TRACE);
    expect(forwarded.traceparent).toMatch(new RegExp(`^00-${CALLER_TRACE}-[0-9a-f]{16}-01$`));
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.name === 'POST /graphql')!;
    const client = spans.find((s) => s.name === 'fetch bureau')!;
    expect(server.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(client.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(forwarded.traceparent).toContain(client.spanContext().spanId);
  });
});
