import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#database';
import { exchangeEntry, fieldOutcome } from '../../../../test/support/exchange-entry.js';
import { createTestSchema, describePostgres } from '../../../../test/support/postgres.js';
import type { ExchangeEntry } from '../ledger-entry.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { StatisticsRollups1765200000000 } from './1765200000000-statistics-rollups.js';
import { createLedgerAppender } from '../store/create-ledger-appender.js';
import { encodeContent } from '../store/content-codec.js';
import { recordValues, sealEntries } from '../store/ledger-columns.js';
import { LedgerReader } from '../store/ledger.reader.js';
import { ledgerStatistics } from '../search/ledger.statistics.js';

const RANKS = new Map(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'].map((level, rank) => [level, rank]));

function exchange(id: number, startedAt: string): ExchangeEntry {
  return exchangeEntry(`partitioned-${id}`, startedAt, {
    caller: { system: 'health.outreach', department: 'health', issuer: 'health.outreach', tokenId: null, verified: true },
    purpose: 'vaccination-outreach',
    fields: [{ ...fieldOutcome('Person.name', 'public-security', 'SENSITIVE', 'masked'), mask: 'NAME' }],
  });
}

describePostgres('the ledger in monthly partitions on PostgreSQL', (url) => {
  let schema = '';
  let drop: () => Promise<void> = async () => {};
  let dataSource: DataSource | undefined;
  const partitionsOf = async (table: string) =>
    (
      (await dataSource!.query(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
         JOIN pg_namespace n ON n.oid = p.relnamespace WHERE p.relname = $1 AND n.nspname = $2 ORDER BY 1`,
        [table, schema],
      )) as Array<{ name: string }>
    ).map((row) => row.name);

  beforeAll(async () => {
    ({ schema, drop } = await createTestSchema(url));
    // A ledger as it was before the statistics rollups, the partitions and the field lists, with records of two months in it.
    const before = { ...LEDGER_FEATURE, entities: [], migrations: LEDGER_FEATURE.migrations.slice(0, LEDGER_FEATURE.migrations.indexOf(StatisticsRollups1765200000000)) };
    const earlier = await new DataSource(dataSourceOptions({ type: 'postgres', url }, [before], { schema })).initialize();
    const { records } = sealEntries(
      'gw-old',
      { seq: 0, hash: '0'.repeat(64) },
      [exchange(1, '2026-01-31T23:59:59.999Z'), exchange(2, '2026-02-01T00:00:00.000Z')].map((entry) => ({ entry, operation: null })),
      RANKS,
    );
    const insert = (table: string, rows: unknown[][]) =>
      Promise.all(rows.map((row) => earlier.query(`INSERT INTO "${schema}"."${table}" VALUES (${row.map((_, i) => `$${i + 1}`).join(', ')})`, row)));
    await insert(
      'ledger_record',
      // Content in the text form of then (the column was text).
      records.map((row) => recordValues(row, encodeContent)),
    );
    // Field rows as they were then: one per field.
    await insert('ledger_field', [
      ['gw-old', 1, 0, 'Person.name', 'public-security', 2, 'masked', '2026-01-31T23:59:59.999Z'],
      ['gw-old', 2, 0, 'Person.name', 'public-security', 2, 'masked', '2026-02-01T00:00:00.000Z'],
    ]);
    await earlier.destroy();
    dataSource = await new DataSource(dataSourceOptions({ type: 'postgres', url }, [LEDGER_FEATURE], { schema })).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await drop();
  });

  it('moves the records already there into the partitions of their months', async () => {
    expect(await partitionsOf('ledger_record')).toEqual(['ledger_record_2026_01', 'ledger_record_2026_02']);
    expect(await partitionsOf('ledger_field')).toEqual(['ledger_field_2026_01', 'ledger_field_2026_02']);
    const reader = new LedgerReader(dataSource!);
    const moved = [];
    for await (const record of reader.records({}, 10, 'gw-old')) moved.push(JSON.parse(record.content).exchangeId);
    expect(moved).toEqual(['partitioned-1', 'partitioned-2']);
    expect(await reader.fieldsOf('gw-old', 2)).toMatchObject([{ owner: 'public-security', grade: 2, fields: 'Person.name 2 masked' }]);
    // The rollups were filled from them too.
    const statistics = await ledgerStatistics(reader, '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z');
    expect(statistics.decisions).toEqual([{ decision: 'ALLOWED', count: 2 }]);
    expect(statistics.pairs.map(({ day, exchanges, fieldsServed }) => ({ day, exchanges, fieldsServed }))).toEqual([
      { day: '2026-01-31', exchanges: 1, fieldsServed: 1 },
      { day: '2026-02-01', exchanges: 1, fieldsServed: 1 },
    ]);
  });

  it('makes a new month’s partitions (and the next month’s) before its first record, and keeps them append-only', async () => {
    const appender = createLedgerAppender(dataSource!, RANKS);
    const reader = new LedgerReader(dataSource!);
    await appender.append('gw-new', await reader.head('gw-new'), [{ entry: exchange(3, '2026-12-15T08:00:00.000Z'), operation: null }]);
    expect(await partitionsOf('ledger_subject')).toEqual(expect.arrayContaining(['ledger_subject_2026_12', 'ledger_subject_2027_01']));
    const [row] = (await dataSource!.query(`SELECT tableoid::regclass::text AS partition FROM "${schema}".ledger_record WHERE exchange_id = 'partitioned-3'`)) as Array<{
      partition: string;
    }>;
    expect(row!.partition).toMatch(/ledger_record_2026_12"?$/);
    const partition = `"${schema}".ledger_record_2026_12`;
    await expect(dataSource!.query(`UPDATE ${partition} SET decision = 'DENIED'`)).rejects.toThrow(/append-only/);
    await expect(dataSource!.query(`DELETE FROM ${partition}`)).rejects.toThrow(/append-only/);
    await expect(dataSource!.query(`TRUNCATE ${partition}`)).rejects.toThrow(/append-only/);
    // The same exchange recorded twice is still refused.
    await expect(appender.append('gw-new', await reader.head('gw-new'), [{ entry: exchange(3, '2026-12-15T08:00:00.000Z'), operation: null }])).rejects.toMatchObject({
      code: '23505',
    });
  });

  it('names only months: the partition function refuses anything else', async () => {
    await expect(dataSource!.query(`SELECT "${schema}".causeway_ledger_partition($1)`, ["2026-01'); DROP TABLE x; --"])).rejects.toThrow(/not a month/);
  });
});
