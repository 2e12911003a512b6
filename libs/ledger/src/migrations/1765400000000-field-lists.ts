import type { MigrationInterface, QueryRunner } from 'typeorm';
import { gradeOf, packFields, type ListedField } from '../store/field-list.js';
import { placeholders, rebuildLedgerTable } from './table-rebuild.js';

/** A coordinate the list writes as it is (field-list.ts); the fields of an owner with any other are listed by the code, not by SQL. */
const PLAIN = { sqlite: "coordinate NOT GLOB '*[^-A-Za-z0-9_.]*'", postgres: "coordinate !~ '[^-A-Za-z0-9_.]'" };

type OldRow = { chain: string; seq: number; owner: string; started_at: string; coordinate: string; level_rank: number; outcome: ListedField['outcome'] };

/**
 * Field rows as lists (ledger-field.entity.ts): one row per record and owner
 * department, its fields in one column, in place of one row per field. On
 * the demo's traffic this keeps a fifth of the rows and drops the coordinate
 * index (a coordinate is searched within the record's own rows): about 670
 * of the 3,370 bytes a record took on SQLite.
 *
 * Existing rows are converted where they are, in the migration's
 * transaction; on PostgreSQL into the same monthly partitions. One way only,
 * like the partitions: going back means restoring the backup taken before.
 */
export class FieldLists1765400000000 implements MigrationInterface {
  name = 'FieldLists1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebuildLedgerTable(queryRunner, {
      table: 'ledger_field',
      columns: 'chain varchar(80) NOT NULL, seq integer NOT NULL, owner varchar(64) NOT NULL, started_at varchar(32) NOT NULL, grade integer NOT NULL, fields text NOT NULL',
      key: 'chain, seq, owner',
      oldIndexes: ['ledger_field_owner', 'ledger_field_coordinate'],
      indexes: [['ledger_field_owner', 'owner, started_at']],
      insertColumns: 'chain, seq, owner, started_at, grade, fields',
      select: (from, postgres) => {
        const item = "coordinate || ' ' || level_rank || ' ' || outcome";
        return (
          `SELECT chain, seq, owner, MIN(started_at), MAX(CASE WHEN outcome = 'denied' THEN -1 ELSE level_rank END), ` +
          `${postgres ? `string_agg(${item}, ',' ORDER BY position)` : `group_concat(${item}, ',' ORDER BY position)`} FROM ${from} GROUP BY chain, seq, owner ` +
          `HAVING ${postgres ? `bool_and(${PLAIN.postgres})` : `MIN((${PLAIN.sqlite})) = 1`}`
        );
      },
      rest: listUnusual,
    });
  }

  async down(): Promise<void> {
    throw new Error('the field lists of the ledger are not undone by a migration: restore the backup taken before it');
  }
}

/**
 * The owners' fields that include a coordinate SQL cannot list as the code
 * does (not a GraphQL coordinate: none the gateway writes, but a ledger keeps
 * whatever it was given), listed by the code.
 */
async function listUnusual(queryRunner: QueryRunner, from: string, into: string): Promise<void> {
  const plain = queryRunner.connection.options.type === 'postgres' ? PLAIN.postgres : PLAIN.sqlite;
  const rows = (await queryRunner.query(
    `SELECT o.chain, o.seq, o.owner, o.started_at, o.coordinate, o.level_rank, o.outcome FROM ${from} o ` +
      `WHERE EXISTS (SELECT 1 FROM ${from} u WHERE u.chain = o.chain AND u.seq = o.seq AND u.owner = o.owner AND NOT (${plain.replace('coordinate', 'u.coordinate')})) ` +
      'ORDER BY o.chain, o.seq, o.owner, o.position',
  )) as OldRow[];
  const groups = new Map<string, OldRow[]>();
  for (const row of rows) {
    const key = `${row.chain}\u0000${row.seq}\u0000${row.owner}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const group of groups.values()) {
    const [first] = group as [OldRow];
    const fields = group.map((row) => ({ coordinate: row.coordinate, levelRank: Number(row.level_rank), outcome: row.outcome }));
    const values = [first.chain, Number(first.seq), first.owner, first.started_at, gradeOf(fields), packFields(fields)];
    await queryRunner.query(`INSERT INTO ${into} (chain, seq, owner, started_at, grade, fields) VALUES (${placeholders(queryRunner, values.length)})`, values);
  }
}
