export { startTelemetry, shutdownTelemetry, exportConfigured } from './telemetry.js';
export { traceMiddleware, injectTraceContext, requestTraceContext, traceIdOf, withClientSpan } from './trace.middleware.js';
