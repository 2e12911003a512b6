import { describe, expect, it } from '@jest/globals';
import { EXCHANGE_PHASES_PROVIDER, EXCHANGE_STAGE_PROVIDERS } from './exchange.module.js';
import { EXCHANGE_PHASES } from './exchange.phases.js';

describe('the phase table of the exchange pipeline', () => {
  // Stand-ins named by their class: the table is about which stage runs where, in which order.
  const stages = EXCHANGE_STAGE_PROVIDERS.map((stage) => ({ name: stage.name }));
  const phases = EXCHANGE_PHASES_PROVIDER.useFactory(...(stages as never[])) as unknown as Record<string, Array<{ name: string }>>;

  it('runs every phase of the architecture, and only those', () => {
    expect(Object.keys(phases).sort()).toEqual([...EXCHANGE_PHASES].sort());
  });

  it('authenticates first, signs with the trace context in the token, and records last, what was shaped, refusals too', () => {
    expect(Object.fromEntries(Object.entries(phases).map(([phase, list]) => [phase, list.map((stage) => stage.name)]))).toEqual({
      admit: ['AuthenticationStage', 'RateLimitStage', 'TrustedDocumentStage', 'LimitsStage', 'ReadinessStage'],
      check: ['OperationCheckStage'],
      decide: ['PolicyDecisionStage', 'SubjectStage', 'QuotaStage'],
      forward: ['TraceContextStage', 'SigningStage'],
      shape: ['PolicyShapingStage', 'SubjectStage', 'ReceiptStage'],
      record: ['LedgerStage', 'UsageStage', 'MetricsStage', 'AccessLogStage'],
      refuse: ['LedgerStage', 'MetricsStage', 'AccessLogStage'],
    });
  });
});
