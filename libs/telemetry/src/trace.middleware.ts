import { context, propagation, SpanKind, SpanStatusCode, trace, TraceFlags, type Context } from '@opentelemetry/api';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace-base';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

const tracer = () => trace.getTracer('causeway');

/**
 * Whether Causeway's spans go anywhere. When nothing exports them
 * (telemetry.ts), recording them is pure cost on every exchange: then the
 * request still gets a trace (the caller's, or a new one) and each bureau
 * call a span id of its own for `traceparent`, as plain span contexts with
 * no span objects, attributes or processors behind them.
 */
let recording = true;
const ids = new RandomIdGenerator();

/** Called once at start-up by startTelemetry: false when no exporter is configured. */
export function recordSpans(on: boolean): void {
  recording = on;
}

/** A context holding a new span context under `parent`'s trace (or a new trace), recording nothing. */
function unrecordedChild(parent: Context): Context {
  const parentSpan = trace.getSpanContext(parent);
  const continued = parentSpan && trace.isSpanContextValid(parentSpan);
  return trace.setSpanContext(parent, {
    traceId: continued ? parentSpan.traceId : ids.generateTraceId(),
    spanId: ids.generateSpanId(),
    // As the SDK's default sampler would: follow the caller's decision, else sample.
    traceFlags: continued ? parentSpan.traceFlags : TraceFlags.SAMPLED,
  });
}

/**
 * The trace context of each request, kept with the request itself. Causeway
 * passes trace context explicitly (request → exchange → bureau call), so it
 * needs no context manager: OpenTelemetry's AsyncLocalStorage one hooks
 * every promise of the process (on the benchmark, OpenTelemetry as it was
 * cost the gateway over a tenth of its throughput). It is installed only
 * when spans are exported (telemetry.ts), so that spans of libraries nest.
 */
const requestContexts = new WeakMap<IncomingMessage, Context>();

/** The trace context of a request that went through traceMiddleware (its server span). */
export function requestTraceContext(request: IncomingMessage): Context | undefined {
  return requestContexts.get(request);
}

/** Id of the trace a context belongs to, or undefined when there is none. */
export function traceIdOf(traceContext: Context | undefined): string | undefined {
  const spanContext = traceContext && trace.getSpan(traceContext)?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/**
 * A request's path as its span names it: without the query, and each
 * segment that holds seven digits or more (an ID or phone number a caller
 * put into a URL, percent-encoded or not) replaced: spans leave the process
 * for whatever collector is configured, and carry no identifier there.
 */
export function spanPath(url: string): string {
  return url
    .split('?')[0]!
    .split('/')
    .map((segment) => (digitCount(segment) >= 7 ? ':redacted' : segment))
    .join('/');
}

function digitCount(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) digits++;
  return digits;
}

/**
 * Express-style middleware that continues the caller's trace (W3C
 * `traceparent`) in a server span and runs the rest of the request inside
 * it, so spans the handler starts — and `traceparent` it forwards — belong
 * to the same trace.
 */
export function traceMiddleware(serviceName: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const parent = propagation.extract(context.active(), req.headers as IncomingHttpHeaders);
    if (!recording) {
      requestContexts.set(req, unrecordedChild(parent));
      next();
      return;
    }
    const path = spanPath(req.url ?? '/');
    const span = tracer().startSpan(
      `${req.method} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method ?? '', 'url.path': path, 'service.name': serviceName },
      },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    // `close` also fires when the client goes away before the answer.
    res.on('finish', end);
    res.on('close', end);
    const traceContext = trace.setSpan(parent, span);
    requestContexts.set(req, traceContext);
    context.with(traceContext, next);
  };
}

/** Writes a trace context (by default the active one) into outgoing headers as W3C traceparent. */
export function injectTraceContext(headers: Record<string, string>, traceContext: Context = context.active()): void {
  propagation.inject(traceContext, headers);
}

/**
 * Runs `work` in a client span named `name`, child of `parent` (by default
 * the active context); `work` receives the span's context to pass on. The
 * span records failure and ends either way.
 */
export async function withClientSpan<T>(name: string, attributes: Record<string, string | number>, parent: Context | undefined, work: (traceContext: Context) => Promise<T>): Promise<T> {
  const parentContext = parent ?? context.active();
  if (!recording) return work(unrecordedChild(parentContext));
  const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes }, parentContext);
  const traceContext = trace.setSpan(parentContext, span);
  try {
    return await context.with(traceContext, () => work(traceContext));
  } catch (error) {
    // The error's code, not its message: a message can quote what the caller sent (`no operation named "Q110105…"`).
    const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : ((error as Error | null)?.name ?? 'Error') });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Runs `work` in an internal span (a pipeline phase) under `parent`, passed
 * explicitly like every context here; the span records failure and ends
 * either way. Without an exporter it only runs `work`.
 */
export async function withSpan<T>(name: string, parent: Context | undefined, work: () => Promise<T>): Promise<T> {
  if (!recording) return work();
  const span = tracer().startSpan(name, { kind: SpanKind.INTERNAL }, parent ?? context.active());
  try {
    return await work();
  } catch (error) {
    // The error's code, not its message: a message can quote what the caller sent (`no operation named "Q110105…"`).
    const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : ((error as Error | null)?.name ?? 'Error') });
    throw error;
  } finally {
    span.end();
  }
}
