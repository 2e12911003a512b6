import { expect, it } from '@jest/globals';
import type { VerificationReport } from '#ledger';
import { describeGatewayDatabases } from '../../../../test/support/gateway-database.js';
import { GATEWAY_FEATURES } from '../database/gateway-database.module.js';
import type { GatewayConfig } from '../gateway.config.js';
import type { AuditService } from './audit.service.js';
import { SCHEDULE, VerificationRuns } from './verification-runs.service.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 30, 1, 0, 0);

describeGatewayDatabases('VerificationRuns', GATEWAY_FEATURES, (dataSource) => {
  it('notes every run with its result, and runs the scheduled check only when none ran within the interval', async () => {
    let now = START;
    let report: VerificationReport = { ok: true, verified: 12, chains: 3, checkpoints: 2, broken: null };
    const audit = { verify: async () => report } as unknown as AuditService;
    const runs = new VerificationRuns(audit, dataSource(), { ledger: { verifyEveryMs: DAY } } as GatewayConfig, { now: () => now });

    expect(await runs.runIfDue()).toMatchObject({ by: SCHEDULE, ok: true, verified: 12 });
    now += DAY - 1;
    expect(await runs.runIfDue()).toBeNull();
    // An auditor's run counts as a check: the schedule waits a whole interval after it.
    await runs.run('auditor-1');
    now += 2;
    expect(await runs.runIfDue()).toBeNull();
    now += DAY;
    report = { ok: false, verified: 5, chains: 3, checkpoints: 2, broken: { chain: 'gw-1', seq: 6, reason: 'HASH_MISMATCH', detail: 'content changed' } };
    expect(await runs.runIfDue()).toMatchObject({ by: SCHEDULE, ok: false });

    const latest = await runs.latest(10);
    expect(latest.map((run) => [run.by, run.ok, run.finishedAt])).toEqual([
      [SCHEDULE, false, new Date(START + 2 * DAY + 1).toISOString()],
      ['auditor-1', true, new Date(START + DAY - 1).toISOString()],
      [SCHEDULE, true, new Date(START).toISOString()],
    ]);
    expect(JSON.parse(latest[0]!.broken!)).toEqual({ chain: 'gw-1', seq: 6, reason: 'HASH_MISMATCH', detail: 'content changed' });
  });
});
