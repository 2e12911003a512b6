import { expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { exchangeEntry, fieldOutcome } from '../../../../test/support/exchange-entry.js';
import { describeGatewayDatabases } from '../../../../test/support/gateway-database.js';
import type { ExchangeEntry, FieldOutcome } from '../ledger-entry.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { sealEntries } from '../store/ledger-columns.js';
import { FieldLists1765400000000 } from './1765400000000-field-lists.js';
import { SubjectLists1765500000000 } from './1765500000000-subject-lists.js';
import { PARTITION_FUNCTION } from './1765300000000-monthly-partitions.js';

const RANKS = new Map(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'].map((level, rank) => [level, rank]));

const field = fieldOutcome;

function exchange(id: number, startedAt: string, fields: FieldOutcome[], subjects: ExchangeEntry['subjects'] = undefined): ExchangeEntry {
  return exchangeEntry(`lists-${id}`, startedAt, { decision: 'PARTIAL', fields, ...(subjects ? { subjects } : {}) });
}

const ENTRIES = [
  // Two owners, their fields interleaved.
  exchange(
    1,
    '2026-01-31T23:59:59.999Z',
    [
      field('Person.name', 'public-security', 'SENSITIVE', 'masked'),
      field('Person.maritalStatus', 'civil-affairs', 'INTERNAL', 'served'),
      field('Person.phone', 'public-security', 'SENSITIVE', 'denied'),
    ],
    [{ token: 'k1.person-a', owners: ['civil-affairs', 'public-security'] }],
  ),
  // A coordinate no schema has (a ledger keeps what it was given): listed with its separators escaped.
  exchange(
    2,
    '2026-02-01T00:00:00.000Z',
    [field('Person.na me,x%', 'health', 'INTERNAL', 'served'), field('Person.vaccinations', 'health', 'CORE', 'denied')],
    [
      { token: 'k1.person-b', owners: ['health'] },
      { token: 'k1.person-c', owners: ['health x,y'] },
    ],
  ),
  // Every field of the owner refused.
  exchange(3, '2026-02-01T00:00:01.000Z', [field('Person.chronicConditions', 'health', 'CORE', 'denied')], [{ token: 'k1.person-a', owners: ['health'] }]),
];

/** The ledger as it was before the field and subject lists. */
const BEFORE = { ...LEDGER_FEATURE, entities: [], migrations: LEDGER_FEATURE.migrations.slice(0, LEDGER_FEATURE.migrations.indexOf(FieldLists1765400000000)) };

describeGatewayDatabases('field and data-subject rows turned into lists', [BEFORE], (dataSource: () => DataSource) => {
  it('lists each record’s fields per owner, in selection order, and each subject’s owners, as the gateway now writes them', async () => {
    const source = dataSource();
    const postgres = source.options.type === 'postgres';
    const schema = (source.options as { schema?: string }).schema;
    const table = (name: string) => (postgres && schema ? `"${schema}"."${name}"` : `"${name}"`);
    const parameters = (count: number) => Array.from({ length: count }, (_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
    if (postgres) for (const month of ['2026-01', '2026-02']) await source.query(`SELECT ${table(PARTITION_FUNCTION)}($1)`, [month]);
    const { fields: expected, subjects: expectedSubjects } = sealEntries(
      'gw-lists',
      { seq: 0, hash: '0'.repeat(64) },
      ENTRIES.map((entry) => ({ entry, operation: null })),
      RANKS,
    );
    // One row per field, as before; written last field first, so only their positions give the order.
    const old = ENTRIES.flatMap((entry, i) => entry.fields.map((f, position) => ['gw-lists', i + 1, position, f.coordinate, f.owner, RANKS.get(f.level)!, f.outcome, entry.startedAt]));
    for (const row of old.reverse()) await source.query(`INSERT INTO ${table('ledger_field')} VALUES (${parameters(8)})`, row);
    // One row per subject and owner, as before (chain, seq, token, owner, started_at).
    const oldSubjects = ENTRIES.flatMap((entry, i) => (entry.subjects ?? []).flatMap((s) => s.owners.map((owner) => ['gw-lists', i + 1, s.token, owner, entry.startedAt])));
    for (const row of oldSubjects.reverse()) await source.query(`INSERT INTO ${table('ledger_subject')} VALUES (${parameters(5)})`, row);

    const runner = source.createQueryRunner();
    try {
      await runner.startTransaction();
      await new FieldLists1765400000000().up(runner);
      await new SubjectLists1765500000000().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }

    const rows = (await source.query(`SELECT chain, seq, owner, started_at, grade, fields FROM ${table('ledger_field')} ORDER BY seq, owner`)) as Array<Record<string, unknown>>;
    expect(rows.map((row) => ({ ...row, seq: Number(row.seq), grade: Number(row.grade) }))).toEqual(
      expected
        .map(({ chain, seq, owner, startedAt, grade, fields }) => ({ chain, seq, owner, started_at: startedAt, grade, fields }))
        .sort((a, b) => a.seq - b.seq || (a.owner < b.owner ? -1 : 1)),
    );
    expect(rows.map((row) => row.fields)).toEqual([
      'Person.maritalStatus 1 served',
      'Person.name 2 masked,Person.phone 2 denied',
      'Person.na%20me%2Cx%25 1 served,Person.vaccinations 3 denied',
      'Person.chronicConditions 3 denied',
    ]);
    const subjects = (await source.query(`SELECT chain, seq, token, started_at, owners FROM ${table('ledger_subject')} ORDER BY seq, token`)) as Array<Record<string, unknown>>;
    expect(subjects.map((row) => ({ ...row, seq: Number(row.seq) }))).toEqual(
      expectedSubjects
        .map(({ chain, seq, token, startedAt, owners }) => ({ chain, seq, token, started_at: startedAt, owners }))
        .sort((a, b) => a.seq - b.seq || (a.token < b.token ? -1 : 1)),
    );
    expect(subjects.map((row) => row.owners)).toEqual(['civil-affairs,public-security', 'health', 'health%20x%2Cy', 'health']);
    // Still append-only.
    for (const [name, column] of [
      ['ledger_field', 'grade'],
      ['ledger_subject', 'owners'],
    ] as const) {
      await expect(source.query(`UPDATE ${table(name)} SET ${column} = ${column}`)).rejects.toThrow(/append-only/);
      await expect(source.query(`DELETE FROM ${table(name)}`)).rejects.toThrow(/append-only/);
    }
  });
});
