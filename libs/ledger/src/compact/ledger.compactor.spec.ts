import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#database';
import { exchangeEntry, fieldOutcome } from '../../../../test/support/exchange-entry.js';
import { createTestSchema, describePostgres } from '../../../../test/support/postgres.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { searchLedger } from '../search/ledger.search.js';
import { createLedgerAppender } from '../store/create-ledger-appender.js';
import { LedgerReader } from '../store/ledger.reader.js';
import { compactClosedMonths } from './ledger.compactor.js';

const RANKS = new Map(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'].map((level, rank) => [level, rank]));
/** The pinned clock: 10 December 2026, so November has ended and December has not. */
const NOW = Date.parse('2026-12-10T09:00:00.000Z');
const PURPOSES = ['subsidy-eligibility', 'vaccination-outreach', 'business-licensing', 'tax-audit'];

function exchange(id: number, startedAt: string) {
  return exchangeEntry(`compact-${id}`, startedAt, {
    caller: { system: 'health.outreach', department: 'health', issuer: 'health.outreach', tokenId: null, verified: true },
    purpose: PURPOSES[id % PURPOSES.length]!,
    fields: [{ ...fieldOutcome('Person.name', 'public-security', 'SENSITIVE', 'masked'), mask: 'NAME' }],
  });
}

describePostgres('compacting the ledger partitions of months that have ended', (url) => {
  let schema = '';
  let drop: () => Promise<void> = async () => {};
  let dataSource: DataSource | undefined;
  /** Each index of a month's record partition → the file that holds it (REINDEX gives it a new one). */
  const indexFiles = async (month: string) =>
    Object.fromEntries(
      (
        (await dataSource!.query(
          `SELECT i.relname AS name, pg_relation_filenode(i.oid)::text AS file FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
           JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = $1 AND t.relname = $2`,
          [schema, `ledger_record_${month.replace('-', '_')}`],
        )) as Array<{ name: string; file: string }>
      ).map(({ name, file }) => [name, file]),
    );
  const indexBytes = async (month: string) =>
    Number(
      ((await dataSource!.query(`SELECT pg_indexes_size($1::regclass)::text AS bytes`, [`"${schema}".ledger_record_${month.replace('-', '_')}`])) as Array<{ bytes: string }>)[0]!.bytes,
    );
  const byPurpose = async () => (await searchLedger(new LedgerReader(dataSource!), { purpose: 'tax-audit' }, 50, null)).records.map((record) => `${record.chain} ${record.seq}`);

  beforeAll(async () => {
    ({ schema, drop } = await createTestSchema(url));
    dataSource = await new DataSource(dataSourceOptions({ type: 'postgres', url }, [LEDGER_FEATURE], { schema })).initialize();
    const appender = createLedgerAppender(dataSource, RANKS);
    const reader = new LedgerReader(dataSource);
    // November (ended) and December (the current month), a second apart within each.
    // Enough of November for its indexes that lead with a purpose to split pages in the middle, as a month's do.
    const started = (id: number) => new Date(Date.parse(id < 1200 ? '2026-11-02T00:00:00.000Z' : '2026-12-02T00:00:00.000Z') + id * 1000).toISOString();
    for (let id = 0; id < 1240; id += 40) {
      const batch = Array.from({ length: 40 }, (_, k) => ({ entry: exchange(id + k, started(id + k)), operation: null }));
      await appender.append('gw-compact', await reader.head('gw-compact'), batch);
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await drop();
  });

  it('vacuums and reindexes each partition of the months that ended, once, and leaves the current month alone', async () => {
    const [novemberBefore, decemberBefore, foundBefore, bytesBefore] = [await indexFiles('2026-11'), await indexFiles('2026-12'), await byPurpose(), await indexBytes('2026-11')];
    expect(Object.keys(novemberBefore).length).toBeGreaterThan(5);

    const compacted = await compactClosedMonths(dataSource!, NOW);

    expect(compacted.map(({ table, month }) => `${month} ${table}`).sort()).toEqual(['2026-11 ledger_field', '2026-11 ledger_record', '2026-11 ledger_subject']);
    // Its indexes built again, full: smaller.
    expect(await indexBytes('2026-11')).toBeLessThan(bytesBefore * 0.9);
    // Every index of November's records was built again; December's were not touched.
    const novemberAfter = await indexFiles('2026-11');
    for (const [name, file] of Object.entries(novemberBefore)) expect([name, novemberAfter[name]]).not.toEqual([name, file]);
    expect(await indexFiles('2026-12')).toEqual(decemberBefore);
    // Full: no room kept for inserts to a month that has ended.
    const options = (await dataSource!.query(
      `SELECT DISTINCT array_to_string(i.reloptions, ',') AS options FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = $1::regclass`,
      [`"${schema}".ledger_field_2026_11`],
    )) as Array<{ options: string }>;
    expect(options).toEqual([{ options: 'fillfactor=100' }]);
    // Its rows frozen and its statistics taken.
    const [stats] = (await dataSource!.query(
      `SELECT last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'ledger_record_2026_11'`,
      [schema],
    )) as Array<{ vacuumed: boolean; analyzed: boolean }>;
    expect(stats).toEqual({ vacuumed: true, analyzed: true });
    // Nothing stored changed: the same search finds the same records.
    expect(await byPurpose()).toEqual(foundBefore);
    expect(foundBefore).toHaveLength(50);
  });

  it('does not compact a month twice unless that month is asked for, and only a month that has ended', async () => {
    expect(await compactClosedMonths(dataSource!, NOW)).toEqual([]);
    expect((await compactClosedMonths(dataSource!, NOW, '2026-11')).map(({ month }) => month)).toEqual(['2026-11', '2026-11', '2026-11']);
    await expect(compactClosedMonths(dataSource!, NOW, '2026-12')).rejects.toThrow(/not a month that has ended/);
    await expect(compactClosedMonths(dataSource!, NOW, '2026-13')).rejects.toThrow(RangeError);
    // A month later, December has ended too.
    expect((await compactClosedMonths(dataSource!, Date.parse('2027-01-01T00:00:00.000Z'))).map(({ month }) => month)).toEqual(['2026-12', '2026-12', '2026-12']);
  });
});

describe('compacting an SQLite ledger', () => {
  it('is nothing to do: it has no partitions', async () => {
    const dataSource = await new DataSource(dataSourceOptions({ type: 'sqlite', file: ':memory:' }, [LEDGER_FEATURE])).initialize();
    try {
      expect(await compactClosedMonths(dataSource, NOW)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
