import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The gateway's Prometheus series (prom-client), served at GET /metrics.
 * Labels are bounded sets: registered systems and purposes (anything else
 * is `unregistered`), decisions, error codes of the closed set, bureaus of
 * the supergraph, pipeline phases. Never an ID number, a name, a token or
 * an operation's text.
 */
@Injectable()
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly exchanges = new Counter({
    name: 'causeway_exchanges_total',
    help: 'Exchanges recorded, by decision, calling system and purpose.',
    labelNames: ['decision', 'system', 'purpose'] as const,
    registers: [this.registry],
  });

  readonly exchangeDuration = new Histogram({
    name: 'causeway_exchange_duration_seconds',
    help: 'Time from a request to its recorded answer, by decision.',
    labelNames: ['decision'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'causeway_exchange_errors_total',
    help: 'Error codes in answers (refusals: tokens, limits, quotas, policy; failures), by code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly ownerReads = new Counter({
    name: 'causeway_owner_reads_total',
    help: 'Exchanges that were served data of each owner department.',
    labelNames: ['owner'] as const,
    registers: [this.registry],
  });

  readonly phaseDuration = new Histogram({
    name: 'causeway_phase_duration_seconds',
    help: 'Time spent in each phase of the exchange pipeline.',
    labelNames: ['phase'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly bureauFetches = new Histogram({
    name: 'causeway_bureau_fetch_duration_seconds',
    help: 'Calls to bureaus, by bureau and outcome (ok, failed).',
    labelNames: ['bureau', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly bureauFailures = new Counter({
    name: 'causeway_bureau_failures_total',
    help: 'Failed calls to bureaus, by bureau and reason (unreachable, timeout, http-503, …).',
    labelNames: ['bureau', 'reason'] as const,
    registers: [this.registry],
  });

  readonly ledgerWait = new Histogram({
    name: 'causeway_ledger_commit_wait_seconds',
    help: 'How long an answer waited for its ledger record to commit.',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly ledgerCommit = new Histogram({
    name: 'causeway_ledger_commit_duration_seconds',
    help: "Duration of one ledger transaction (a group of records) on this replica's chain.",
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly ledgerGroupSize = new Histogram({
    name: 'causeway_ledger_commit_group_size',
    help: 'Records committed together in one ledger transaction.',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });

  readonly quotaWarnings = new Counter({
    name: 'causeway_quota_warnings_total',
    help: 'Callers crossing 80% of an allowance (requests per window, PII values or lookup misses per day).',
    labelNames: ['allowance'] as const,
    registers: [this.registry],
  });

  readonly policyVersion = new Gauge({
    name: 'causeway_policy_version',
    help: 'The policy version this replica serves.',
    registers: [this.registry],
  });

  readonly policyLoadedAt = new Gauge({
    name: 'causeway_policy_loaded_timestamp_seconds',
    help: 'When this replica last loaded the policy (Unix time).',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
