import { describe, expect, it } from '@jest/globals';
import { exportConfigured } from './telemetry.js';

describe('exportConfigured', () => {
  it('exports nothing unless the standard variables choose an exporter', () => {
    expect(exportConfigured({})).toBe(false);
    expect(exportConfigured({ OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(exportConfigured({ OTEL_TRACES_EXPORTER: ' ' })).toBe(false);
  });

  it('exports when an exporter or an OTLP endpoint is configured', () => {
    expect(exportConfigured({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(exportConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(exportConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
  });
});
