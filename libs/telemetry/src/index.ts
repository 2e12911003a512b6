export { startTelemetry, shutdownTelemetry, exportConfigured } from './telemetry.js';
export { traceMiddleware, injectTraceContext, currentTraceId, withClientSpan } from './trace.middleware.js';
