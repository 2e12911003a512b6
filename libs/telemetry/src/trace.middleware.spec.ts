import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { injectTraceContext, recordSpans, requestTraceContext, spanPath, traceIdOf, traceMiddleware, withClientSpan, withSpan } from './trace.middleware.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

/** A request through the middleware, then (after an await, as in a real handler) a bureau call made with its context. */
async function exchange(traceparent: string | null = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`): Promise<{ seenTrace: string | undefined; forwarded: Record<string, string> }> {
  const req = { method: 'POST', url: '/graphql?x=1', headers: traceparent ? { traceparent } : {} } as unknown as IncomingMessage;
  const res = Object.assign(new EventEmitter(), { statusCode: 200 });
  await new Promise<void>((resolve) => traceMiddleware('test')(req, res as unknown as ServerResponse, resolve));
  // Body parsing and the GraphQL pipeline come between: asynchronous hops.
  await new Promise((resolve) => setImmediate(resolve));
  const seenTrace = traceIdOf(requestTraceContext(req));
  const forwarded: Record<string, string> = {};
  await withClientSpan('fetch bureau', {}, requestTraceContext(req), async (callContext) => {
    await new Promise((resolve) => setImmediate(resolve));
    injectTraceContext(forwarded, callContext);
  });
  res.emit('finish');
  return { seenTrace, forwarded };
}

function expectOneTrace(seenTrace: string | undefined, forwarded: Record<string, string>): void {
  expect(seenTrace).toBe(CALLER_TRACE);
  expect(forwarded.traceparent).toMatch(new RegExp(`^00-${CALLER_TRACE}-[0-9a-f]{16}-01$`));
  const spans = exporter.getFinishedSpans();
  const server = spans.find((s) => s.name === 'POST /graphql')!;
  const client = spans.find((s) => s.name === 'fetch bureau')!;
  expect(server.parentSpanContext?.spanId).toBe(CALLER_SPAN);
  expect(client.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
  expect(forwarded.traceparent).toContain(client.spanContext().spanId);
}

describe('trace context', () => {
  beforeEach(() => {
    exporter.reset();
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
  });
  afterEach(() => {
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it("continues the caller's trace to the bureau without any context manager (passed explicitly)", async () => {
    const { seenTrace, forwarded } = await exchange();
    expectOneTrace(seenTrace, forwarded);
  });

  it('does the same with the AsyncLocalStorage context manager installed (when spans are exported)', async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const { seenTrace, forwarded } = await exchange();
    expectOneTrace(seenTrace, forwarded);
  });

  describe('when nothing exports spans', () => {
    beforeEach(() => recordSpans(false));
    afterEach(() => recordSpans(true));

    it("still continues the caller's trace to the bureau, with a span id of the gateway's, and records no span", async () => {
      const phase = await withSpan('causeway.decide', undefined, async () => 'decided');
      const { seenTrace, forwarded } = await exchange();
      expect(phase).toBe('decided');
      expect(seenTrace).toBe(CALLER_TRACE);
      expect(forwarded.traceparent).toMatch(new RegExp(`^00-${CALLER_TRACE}-[0-9a-f]{16}-01$`));
      expect(forwarded.traceparent).not.toContain(CALLER_SPAN);
      expect(exporter.getFinishedSpans()).toEqual([]);
    });

    it('gives a request without a traceparent a trace of its own, different for each request', async () => {
      const first = await exchange(null);
      const second = await exchange(null);
      expect(first.seenTrace).toMatch(/^[0-9a-f]{32}$/);
      expect(first.forwarded.traceparent).toMatch(new RegExp(`^00-${first.seenTrace}-[0-9a-f]{16}-01$`));
      expect(second.seenTrace).not.toBe(first.seenTrace);
      expect(exporter.getFinishedSpans()).toEqual([]);
    });
  });

  it('names a span by a path that carries no identifier a caller put into the URL', async () => {
    const req = { method: 'GET', url: '/api/people/110105197706270620/records/2?id=110105197706270620', headers: {} } as unknown as IncomingMessage;
    const res = Object.assign(new EventEmitter(), { statusCode: 404 });
    await new Promise<void>((resolve) => traceMiddleware('test')(req, res as unknown as ServerResponse, resolve));
    res.emit('finish');
    const [span] = exporter.getFinishedSpans();
    expect(span!.name).toBe('GET /api/people/:redacted/records/2');
    expect(span!.attributes['url.path']).toBe('/api/people/:redacted/records/2');
    // However it is written: split, percent-encoded, as a phone number.
    expect(spanPath('/p/1101-0519-77')).toBe('/p/:redacted');
    expect(spanPath('/p/%31%31%30%31')).toBe('/p/:redacted');
    expect(spanPath('/p/13800138000/graphql')).toBe('/p/:redacted/graphql');
    expect(spanPath('/admin/graphql')).toBe('/admin/graphql');
  });

  it("marks a failed phase's span with the error's code, never its message (which can quote what the caller sent)", async () => {
    const refusal = Object.assign(new Error('The document has no operation named "Q110105197706270614".'), { extensions: { code: 'BAD_USER_INPUT' } });
    await expect(withSpan('causeway.check', undefined, () => Promise.reject(refusal))).rejects.toBe(refusal);
    await expect(withSpan('causeway.decide', undefined, () => Promise.reject(new TypeError('x 110105197706270614')))).rejects.toThrow(TypeError);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => [span.name, span.status.message])).toEqual([
      ['causeway.check', 'BAD_USER_INPUT'],
      ['causeway.decide', 'TypeError'],
    ]);
  });

  it('has no trace id for a request that did not go through the middleware', () => {
    expect(traceIdOf(requestTraceContext({} as IncomingMessage))).toBeUndefined();
  });
});
