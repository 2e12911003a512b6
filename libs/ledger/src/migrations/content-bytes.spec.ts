import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#database';
import { exchangeEntry } from '../../../../test/support/exchange-entry.js';
import { createTestSchema, describePostgres } from '../../../../test/support/postgres.js';
import { ChainVerifier } from '../chain-verifier.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { encodeContent } from '../store/content-codec.js';
import { FIELD_COLUMNS, fieldValues, RECORD_COLUMNS, recordValues, sealEntries, SUBJECT_COLUMNS, subjectValues } from '../store/ledger-columns.js';
import { LedgerReader } from '../store/ledger.reader.js';
import { verifyChain } from '../verify/chain.check.js';
import { ContentBytes1765600000000 } from './1765600000000-content-bytes.js';
import { PARTITION_FUNCTION } from './1765300000000-monthly-partitions.js';

const RANKS = new Map(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'].map((level, rank) => [level, rank]));

/** Entries of two months, with non-ASCII text, so that the conversion crosses partitions and keeps every byte. */
const ENTRIES = [
  exchangeEntry('bytes-1', '2026-01-31T23:59:59.999Z', { purpose: '低保审核 subsidy-eligibility' }),
  exchangeEntry('bytes-2', '2026-02-01T00:00:00.000Z'),
  exchangeEntry('bytes-3', '2026-02-01T00:00:01.000Z'),
  exchangeEntry('bytes-4', '2026-02-01T00:00:02.000Z'),
];

describePostgres('a record’s content turned into bytes on PostgreSQL', (url) => {
  let schema: string;
  let drop: () => Promise<void>;
  let dataSource: DataSource | undefined;
  let records: ReturnType<typeof sealEntries>['records'], fields: ReturnType<typeof sealEntries>['fields'], subjects: ReturnType<typeof sealEntries>['subjects'];
  const q = (name: string) => `"${schema}"."${name}"`;

  beforeAll(async () => {
    ({ schema, drop } = await createTestSchema(url));
    // The ledger as it was before: content in a text column.
    const before = { ...LEDGER_FEATURE, entities: [], migrations: LEDGER_FEATURE.migrations.slice(0, LEDGER_FEATURE.migrations.indexOf(ContentBytes1765600000000)) };
    const earlier = await new DataSource(dataSourceOptions({ type: 'postgres', url }, [before], { schema })).initialize();
    for (const month of ['2026-01', '2026-02']) await earlier.query(`SELECT ${q(PARTITION_FUNCTION)}($1)`, [month]);
    ({ records, fields, subjects } = sealEntries(
      'gw-text',
      { seq: 0, hash: '0'.repeat(64) },
      ENTRIES.map((entry) => ({ entry, operation: null })),
      RANKS,
    ));
    // Stored as the gateway stored them then: the text form; the second as canonical JSON (before compression); the
    // fourth changed by an insider into text that is no stored form (a `z1.` whose base64url is cut to 4n + 1 characters).
    const stored = [encodeContent, (canonical: string) => canonical, encodeContent, (canonical: string) => encodeContent(canonical).slice(0, 4 * 20 + 1 + 3)];
    const insert = (table: string, columns: readonly string[], values: unknown[]) =>
      earlier.query(`INSERT INTO ${q(table)} (${columns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
    for (const [i, record] of records.entries()) await insert('ledger_record', RECORD_COLUMNS, recordValues(record, stored[i]!));
    for (const row of fields) await insert('ledger_field', FIELD_COLUMNS, fieldValues(row));
    for (const row of subjects) await insert('ledger_subject', SUBJECT_COLUMNS, subjectValues(row));
    await earlier.destroy();
    dataSource = await new DataSource(dataSourceOptions({ type: 'postgres', url }, [LEDGER_FEATURE], { schema })).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await drop();
  });

  it('stores each record’s content as the bytes its text encoded, in every partition', async () => {
    const [column] = (await dataSource!.query(
      `SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'ledger_record_2026_02' AND column_name = 'content'`,
      [schema],
    )) as Array<{ data_type: string }>;
    expect(column!.data_type).toBe('bytea');
    const rows = (await dataSource!.query(`SELECT seq, content FROM ${q('ledger_record')} ORDER BY seq`)) as Array<{ seq: number; content: Buffer }>;
    // The text forms are now version byte 1 and the deflated bytes, a quarter smaller than their base64url.
    for (const i of [0, 2]) {
      const text = encodeContent(records[i]!.content);
      expect(rows[i]!.content.equals(Buffer.concat([Buffer.from([1]), Buffer.from(text.slice(3), 'base64url')]))).toBe(true);
    }
    // What was no stored form is kept as its UTF-8 bytes.
    expect(rows[1]!.content.toString('utf8')).toBe(records[1]!.content);
    expect(rows[3]!.content.toString('utf8')).toMatch(/^z1\./);
  });

  it('reads back every record as it was sealed, and verification still finds the one an insider changed', async () => {
    const reader = new LedgerReader(dataSource!);
    const read: string[] = [];
    for await (const record of reader.records({}, 10, 'gw-text')) read.push(record.content);
    expect(read.slice(0, 3)).toEqual(records.slice(0, 3).map((record) => record.content));
    // The chain as `ledger verify` checks each one (its checkpoints aside: these records were never sealed into one).
    const verifier = new ChainVerifier();
    expect(await verifyChain(reader, 'gw-text', verifier, RANKS, new Map(), undefined)).toBe(false);
    expect(verifier.result).toMatchObject({ verified: 3, broken: { chain: 'gw-text', seq: 4, reason: 'CONTENT_UNREADABLE' } });
  });

  it('leaves the records append-only', async () => {
    await expect(dataSource!.query(`UPDATE ${q('ledger_record')} SET content = content`)).rejects.toThrow(/append-only/);
  });
});
