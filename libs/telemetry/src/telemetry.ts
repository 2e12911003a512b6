import { propagation, ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { recordSpans } from './trace.middleware.js';

let sdk: NodeSDK | undefined;

/**
 * A context manager that keeps no implicit context: `context.active()` is
 * always the root. Causeway's own code passes trace context explicitly
 * (trace.middleware.ts), so when nothing is exported this spares every
 * promise of the process the AsyncLocalStorage hooks of the default one.
 */
class ExplicitOnlyContextManager implements ContextManager {
  active(): Context {
    return ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(_context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return fn.call(thisArg, ...args);
  }
  bind<T>(_context: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    return this;
  }
}

/** True when a standard OTEL_*_EXPORTER variable names an exporter (not `none`). */
function chosen(value: string | undefined): boolean {
  const exporter = value?.trim();
  return Boolean(exporter) && exporter !== 'none';
}

/** True when the standard OTEL_* variables ask for spans to be exported somewhere. */
export function exportConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter) return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts OpenTelemetry tracing for one Causeway process. Every exchange has
 * a trace id that travels to the bureaus in W3C `traceparent`; spans are
 * recorded and exported only when the standard OTEL_* variables choose an
 * exporter (the SDK's own default would be OTLP to localhost, which a
 * government gateway must not assume). Without an exporter no span is
 * recorded (trace.middleware.ts) and the implicit (AsyncLocalStorage)
 * context is left out too: trace context travels explicitly. When nothing
 * at all is exported (no traces, metrics or logs), the SDK is not even
 * loaded: it brings every exporter and resource detector along, about
 * 60 MiB of a process's memory, and only the W3C propagator is needed.
 */
export async function startTelemetry(serviceName: string): Promise<void> {
  if (sdk || process.env.OTEL_SDK_DISABLED === 'true') return;
  process.env.OTEL_SERVICE_NAME ??= serviceName;
  const exporting = exportConfigured();
  recordSpans(exporting);
  if (!exporting && !chosen(process.env.OTEL_METRICS_EXPORTER) && !chosen(process.env.OTEL_LOGS_EXPORTER)) {
    // Trace context only: a caller's W3C baggage is not passed on to bureaus.
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    return;
  }
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME,
    // Spans come from Causeway's own middleware and data sources, which are
    // explicit about what an exchange is; no monkey-patching instrumentations.
    instrumentations: [],
    // Trace context only: a caller's W3C baggage is not passed on to bureaus.
    textMapPropagator: new W3CTraceContextPropagator(),
    ...(exporting ? {} : { spanProcessors: [new NoopSpanProcessor()], contextManager: new ExplicitOnlyContextManager() }),
    // The SDK would otherwise default metrics and logs to OTLP on localhost.
    ...(process.env.OTEL_METRICS_EXPORTER ? {} : { metricReaders: [] }),
    ...(process.env.OTEL_LOGS_EXPORTER ? {} : { logRecordProcessors: [] }),
  });
  sdk.start();
}

/** Flushes pending spans; called from each app's shutdown path. */
export async function shutdownTelemetry(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown().catch(() => undefined);
}
