export { startTelemetry, shutdownTelemetry, exportConfigured } from './telemetry.js';
export { traceMiddleware, injectTraceContext, requestTraceContext, traceIdOf, withClientSpan, withSpan } from './trace.middleware.js';
