import { describe, expect, it } from '@jest/globals';
import { HIVE_PEERS, withRatios } from './bench-report.js';
import type { Row } from './run.types.js';

const row = (target: string, operation: string, requestsPerSecond: number): Row => ({
  target,
  operation,
  requestsPerSecond,
  p50Ms: 1,
  p99Ms: 2,
  errors: 0,
  peakRssMiB: null,
  targetCpuUs: null,
  bureausCpuUs: null,
});

describe('benchmark ratios', () => {
  it('compare each gateway with the fastest peer that fetches per caller, never with one that merges across callers', () => {
    const rows = [
      row('direct bureau (public-security)', 'single', 400),
      row('bare @apollo/gateway', 'single', 100),
      row(HIVE_PEERS[0], 'single', 120),
      row(HIVE_PEERS[1], 'single', 90),
      row('Causeway, every layer (SQLite ledger)', 'single', 60),
      row('bare @apollo/gateway', 'deep', 50),
      row('Hive Gateway, defaults (merges across callers)', 'deep', 200),
      row('Causeway, every layer (SQLite ledger)', 'deep', 40),
    ];
    const ratios = withRatios(rows);
    const causeway = ratios.find((r) => r.target.startsWith('Causeway') && r.operation === 'single')!;
    expect(causeway).toMatchObject({ vsBare: 0.6, vsFastestPeer: 0.5, fastestPeer: HIVE_PEERS[0], vsDirect: 0.15 });
    // The merging defaults are reported, but are no one's yardstick.
    expect(ratios.find((r) => r.target.startsWith('Causeway') && r.operation === 'deep')).toMatchObject({ vsFastestPeer: 0.8, fastestPeer: 'bare @apollo/gateway' });
    expect(ratios.find((r) => r.target.startsWith('direct'))).toMatchObject({ vsBare: null, vsFastestPeer: null, vsDirect: 1 });
  });
});
