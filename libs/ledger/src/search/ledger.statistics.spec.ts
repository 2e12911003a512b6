import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#database';
import { describeGatewayDatabases } from '../../../../test/support/gateway-database.js';
import type { ExchangeEntry, FieldOutcome } from '../ledger-entry.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { StatisticsRollups1765200000000 } from '../migrations/1765200000000-statistics-rollups.js';
import { createLedgerAppender } from '../store/create-ledger-appender.js';
import { recordValues, sealEntries } from '../store/ledger-columns.js';
import { LedgerReader } from '../store/ledger.reader.js';
import { ledgerStatistics, type LedgerStatistics } from './ledger.statistics.js';
import { ownerUsage } from './owner-usage.js';

const RANKS = new Map(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'].map((level, rank) => [level, rank]));
// Starts at 21:00 UTC, so the entries run over midnight into a second day.
const START = Date.UTC(2026, 5, 1, 21, 0, 0);
const CALLERS = [
  { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', purpose: 'subsidy-eligibility' },
  { system: 'health.outreach', department: 'health', purpose: 'vaccination-outreach' },
  { system: null, department: null, purpose: null },
];
const FIELDS: Array<[string, string, string]> = [
  ['Person.name', 'public-security', 'SENSITIVE'],
  ['Person.phone', 'public-security', 'CORE'],
  ['Person.maritalStatus', 'civil-affairs', 'INTERNAL'],
  ['Enterprise.name', 'market-regulation', 'PUBLIC'],
];
const OUTCOMES: FieldOutcome['outcome'][] = ['served', 'masked', 'denied'];

/** Exchange i: every 97 s from START (five and a half hours for 200), callers, fields and outcomes varied. */
function entry(i: number): ExchangeEntry {
  const caller = CALLERS[i % 3]!;
  const fields = FIELDS.filter((_, f) => (i + f) % 3 !== 0).map(([coordinate, owner, level], f) => ({
    path: coordinate,
    coordinate,
    owner,
    level,
    outcome: OUTCOMES[(i + f) % 3]!,
    mask: null,
    reason: null,
    rules: [],
  }));
  const served = fields.filter((field) => field.outcome !== 'denied');
  const rank = served.length ? Math.max(...served.map((field) => RANKS.get(field.level)!)) : null;
  return {
    kind: 'exchange',
    exchangeId: `x-${i}`,
    startedAt: new Date(START + i * 97_000).toISOString(),
    endedAt: new Date(START + i * 97_000 + 5).toISOString(),
    caller: { ...caller, issuer: caller.system, tokenId: null, verified: caller.system !== null },
    purpose: caller.purpose,
    operation: { name: null, hash: null, variablesHash: null },
    decision: caller.system === null ? 'UNAUTHENTICATED' : served.length === fields.length ? 'ALLOWED' : 'PARTIAL',
    enforcement: 'filter',
    policyVersion: 1,
    fields: caller.system === null ? [] : fields,
    bureaus: [],
    errorCodes: [],
    grade: { maxLevel: null, maxLevelRank: caller.system === null ? null : rank, piiServed: {} },
    traceId: null,
    clientAddress: null,
    responseBytes: 0,
  };
}
const ENTRIES = Array.from({ length: 200 }, (_, i) => entry(i));

/** The statistics computed from the entries themselves, the way the API defines them. */
function expected(from: string, to: string): Omit<LedgerStatistics, 'gravest'> & { gravest: string[] } {
  const inRange = ENTRIES.filter((e) => e.startedAt >= from && e.startedAt < to);
  const count = <K>(keys: K[]) => keys.reduce((map, key) => map.set(key, (map.get(key) ?? 0) + 1), new Map<K, number>());
  const top = (outcomes: string[]) =>
    [...count(inRange.flatMap((e) => e.fields.filter((f) => outcomes.includes(f.outcome)).map((f) => f.coordinate))).entries()]
      .map(([coordinate, n]) => ({ coordinate, count: n }))
      .sort((a, b) => b.count - a.count || a.coordinate.localeCompare(b.coordinate))
      .slice(0, 10);
  const pairs = new Map<string, LedgerStatistics['pairs'][number]>();
  for (const e of inRange.filter((e) => e.caller.department)) {
    for (const owner of new Set(e.fields.map((f) => f.owner))) {
      const key = `${e.startedAt.slice(0, 10)} ${e.caller.department} ${owner}`;
      const pair = pairs.get(key) ?? { day: e.startedAt.slice(0, 10), callerDepartment: e.caller.department!, ownerDepartment: owner, exchanges: 0, fieldsServed: 0, fieldsDenied: 0 };
      pair.exchanges += 1;
      pair.fieldsServed += e.fields.filter((f) => f.owner === owner && f.outcome !== 'denied').length;
      pair.fieldsDenied += e.fields.filter((f) => f.owner === owner && f.outcome === 'denied').length;
      pairs.set(key, pair);
    }
  }
  return {
    pairs: [...pairs.values()].sort((a, b) => `${a.day} ${a.callerDepartment} ${a.ownerDepartment}`.localeCompare(`${b.day} ${b.callerDepartment} ${b.ownerDepartment}`)),
    decisions: [...count(inRange.map((e) => e.decision)).entries()].map(([decision, n]) => ({ decision, count: n })).sort((a, b) => a.decision.localeCompare(b.decision)),
    days: [...count(inRange.map((e) => `${e.startedAt.slice(0, 10)} ${e.decision}`)).entries()]
      .map(([key, n]) => ({ day: key.split(' ')[0]!, decision: key.split(' ')[1]!, count: n }))
      .sort((a, b) => a.day.localeCompare(b.day) || a.decision.localeCompare(b.decision)),
    deniedFields: top(['denied']),
    mostReadFields: top(['served', 'masked']),
    gravest: inRange
      .filter((e) => e.grade.maxLevelRank !== null)
      .sort((a, b) => b.grade.maxLevelRank! - a.grade.maxLevelRank! || b.startedAt.localeCompare(a.startedAt))
      .slice(0, 10)
      .map((e) => e.exchangeId),
  };
}

/** The statistics of [from, to) are what the entries say (pairs compared in one order, as `expected` gives them). */
async function expectAsRecorded(reader: LedgerReader, from: string, to: string): Promise<void> {
  const { gravest, ...statistics } = await ledgerStatistics(reader, from, to);
  const { gravest: gravestIds, ...wanted } = expected(from, to);
  const pairs = [...statistics.pairs].sort((a, b) => `${a.day} ${a.callerDepartment} ${a.ownerDepartment}`.localeCompare(`${b.day} ${b.callerDepartment} ${b.ownerDepartment}`));
  expect({ ...statistics, pairs }).toEqual(wanted);
  expect(gravest.map((record) => record.exchangeId)).toEqual(gravestIds);
}

const at = (offsetSeconds: number) => new Date(START + offsetSeconds * 1000).toISOString();

describeGatewayDatabases('statistics from rollups', [LEDGER_FEATURE], (dataSource) => {
  it('equal what the records say, for whole hours, partial hours at either end, and within one hour', async () => {
    const appender = createLedgerAppender(dataSource(), RANKS);
    const reader = new LedgerReader(dataSource());
    let head = await reader.head('gw-stats');
    // Groups of 30: a rollup row is added to by several groups.
    for (let start = 0; start < ENTRIES.length; start += 30) {
      head = (
        await appender.append(
          'gw-stats',
          head,
          ENTRIES.slice(start, start + 30).map((e) => ({ entry: e, operation: null })),
        )
      ).at(-1)!;
    }
    await appender.close();
    const ranges: Array<[string, string]> = [
      [at(-3600), at(86_400)],
      [at(3600), at(4 * 3600)],
      [at(1234), at(4 * 3600 + 777)],
      [at(3700), at(3900)],
      [at(4 * 3600 + 1), at(3600)],
    ];
    for (const [from, to] of ranges) {
      await expectAsRecorded(reader, from, to);
    }
  });

  it('give an owner the counts of its own fields only, per day, system, purpose and field', async () => {
    const reader = new LedgerReader(dataSource());
    const [from, to] = [at(1234), at(4 * 3600 + 777)];
    const usage = await ownerUsage(reader, 'public-security', from, to);
    const mine = ENTRIES.filter((e) => e.startedAt >= from && e.startedAt < to).flatMap((e) => e.fields.filter((f) => f.owner === 'public-security').map((f) => ({ e, f })));
    for (const outcome of OUTCOMES) {
      const counted = usage.reads.reduce((sum, row) => sum + row[outcome], 0);
      expect(counted).toBe(mine.filter(({ f }) => f.outcome === outcome).length);
    }
    expect(new Set(usage.reads.map((row) => row.coordinate))).toEqual(new Set(['Person.name', 'Person.phone']));
    expect(usage.reads.every((row) => row.system !== '' && row.department !== null)).toBe(true);
  });
});

describe('statistics rollups of a ledger recorded before them', () => {
  it('are filled from its records by the migration that adds them', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'causeway-rollups-')), 'gateway.sqlite');
    // Before the rollups, the partitions, and the field and subject lists.
    const before = { ...LEDGER_FEATURE, entities: [], migrations: LEDGER_FEATURE.migrations.slice(0, LEDGER_FEATURE.migrations.indexOf(StatisticsRollups1765200000000)) };
    const earlier = await new DataSource(dataSourceOptions({ type: 'sqlite', file }, [before])).initialize();
    const { records } = sealEntries(
      'gw-old',
      { seq: 0, hash: '0'.repeat(64) },
      ENTRIES.map((e) => ({ entry: e, operation: null })),
      RANKS,
    );
    for (const [table, rows] of [
      ['ledger_record', records.map((row) => recordValues(row))],
      // Field rows as they were then: one per field (chain, seq, position, coordinate, owner, level_rank, outcome, started_at).
      ['ledger_field', ENTRIES.flatMap((e, i) => e.fields.map((f, position) => ['gw-old', i + 1, position, f.coordinate, f.owner, RANKS.get(f.level)!, f.outcome, e.startedAt]))],
    ] as const) {
      for (const row of rows) await earlier.query(`INSERT INTO ${table} VALUES (${row.map(() => '?').join(', ')})`, row);
    }
    await earlier.destroy();
    const migrated = await new DataSource(dataSourceOptions({ type: 'sqlite', file }, [LEDGER_FEATURE])).initialize();
    try {
      const [from, to] = [at(0), at(86_400)];
      await expectAsRecorded(new LedgerReader(migrated), from, to);
    } finally {
      await migrated.destroy();
    }
  });
});
