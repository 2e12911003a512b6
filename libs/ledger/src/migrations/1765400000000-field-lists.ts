import type { MigrationInterface, QueryRunner } from 'typeorm';
import { gradeOf, packFields, type ListedField } from '../store/field-list.js';
import { PARTITION_FUNCTION } from './1765300000000-monthly-partitions.js';

/** A coordinate the list writes as it is (field-list.ts); a row with any other is listed by the code below, not by SQL. */
const PLAIN_SQLITE = "coordinate NOT GLOB '*[^A-Za-z0-9_.]*'";
const PLAIN_POSTGRES = "coordinate !~ '[^A-Za-z0-9_.]'";

/** The new row of each (chain, seq, owner) from the old rows, in SQL: fields in selection order, the grade of those served. */
function listedSelect(from: string, aggregate: (item: string) => string, plain: string): string {
  return (
    `SELECT chain, seq, owner, MIN(started_at), MAX(CASE WHEN outcome = 'denied' THEN -1 ELSE level_rank END), ` +
    `${aggregate("coordinate || ' ' || level_rank || ' ' || outcome")} FROM ${from} GROUP BY chain, seq, owner HAVING ${plain}`
  );
}

type OldRow = { chain: string; seq: number; owner: string; started_at: string; coordinate: string; level_rank: number; outcome: ListedField['outcome'] };

/**
 * Field rows as lists (ledger-field.entity.ts): one row per record and owner
 * department, its fields in one column, in place of one row per field. On
 * the demo's traffic this stores a fifth of the field rows and drops the
 * coordinate index (a coordinate is searched within the record's own rows),
 * about 730 bytes of the 3,300 a record took on SQLite. SQLite keeps the
 * table WITHOUT ROWID: its key is the only copy of (chain, seq, owner).
 *
 * Existing rows are converted where they are, in the same transaction; on
 * PostgreSQL into the same monthly partitions. One way only, like the
 * partitions: going back means restoring the backup taken before.
 */
export class FieldLists1765400000000 implements MigrationInterface {
  name = 'FieldLists1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') await this.upPostgres(queryRunner);
    else await this.upSqlite(queryRunner);
  }

  async down(): Promise<void> {
    throw new Error('the field lists of the ledger are not undone by a migration: restore the backup taken before it');
  }

  private async upSqlite(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "ledger_field_lists" ("chain" varchar(80) NOT NULL, "seq" integer NOT NULL, "owner" varchar(64) NOT NULL, "started_at" varchar(32) NOT NULL, ' +
        '"grade" integer NOT NULL, "fields" text NOT NULL, PRIMARY KEY ("chain", "seq", "owner")) WITHOUT ROWID',
    );
    await queryRunner.query(`INSERT INTO "ledger_field_lists" ${listedSelect('"ledger_field"', (item) => `group_concat(${item}, ',' ORDER BY position)`, `MIN((${PLAIN_SQLITE})) = 1`)}`);
    await this.listUnusual(queryRunner, '"ledger_field"', '"ledger_field_lists"', PLAIN_SQLITE);
    // Dropping the table drops its indexes and triggers with it.
    await queryRunner.query('DROP TABLE "ledger_field"');
    await queryRunner.query('ALTER TABLE "ledger_field_lists" RENAME TO "ledger_field"');
    await queryRunner.query('CREATE INDEX "ledger_field_owner" ON "ledger_field" ("owner", "started_at")');
    await queryRunner.query(
      `CREATE TRIGGER ledger_field_no_update BEFORE UPDATE ON ledger_field BEGIN SELECT RAISE(ABORT, 'the Causeway ledger is append-only: UPDATE on ledger_field refused'); END`,
    );
    await queryRunner.query(
      'CREATE TRIGGER ledger_field_no_delete BEFORE DELETE ON ledger_field WHEN NOT EXISTS (SELECT 1 FROM ledger_pruned p WHERE p.chain = OLD.chain AND p.seq >= OLD.seq) ' +
        `BEGIN SELECT RAISE(ABORT, 'the Causeway ledger is append-only: DELETE on ledger_field refused (no tombstone covers the record)'); END`,
    );
  }

  private async upPostgres(queryRunner: QueryRunner): Promise<void> {
    const [{ schema }] = (await queryRunner.query('SELECT COALESCE($1::text, current_schema()) AS schema', [
      (queryRunner.connection.options as { schema?: string }).schema ?? null,
    ])) as Array<{ schema: string }>;
    const q = (name: string) => `"${schema.replaceAll('"', '""')}"."${name}"`;
    const partitions = (
      (await queryRunner.query(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
         JOIN pg_namespace n ON n.oid = p.relnamespace WHERE p.relname = 'ledger_field' AND n.nspname = $1 ORDER BY 1`,
        [schema],
      )) as Array<{ name: string }>
    ).map((row) => row.name);
    // The old table steps aside with its partitions, key and indexes, so that the new one takes their names.
    await queryRunner.query(`ALTER TABLE ${q('ledger_field')} RENAME TO "ledger_field_rows"`);
    await queryRunner.query(`ALTER TABLE ${q('ledger_field_rows')} RENAME CONSTRAINT "ledger_field_pk" TO "ledger_field_rows_pk"`);
    for (const index of ['owner', 'coordinate']) await queryRunner.query(`ALTER INDEX ${q(`ledger_field_${index}`)} RENAME TO "ledger_field_rows_${index}"`);
    for (const partition of partitions) await queryRunner.query(`ALTER TABLE ${q(partition)} RENAME TO "${partition}_rows"`);
    await queryRunner.query(
      `CREATE TABLE ${q('ledger_field')} (chain varchar(80) NOT NULL, seq integer NOT NULL, owner varchar(64) NOT NULL, started_at varchar(32) NOT NULL, ` +
        'grade integer NOT NULL, fields text NOT NULL, CONSTRAINT "ledger_field_pk" PRIMARY KEY (chain, seq, owner, started_at)) PARTITION BY RANGE (started_at)',
    );
    // Every month the old table had a partition for (the function makes the missing ones: the field table's, now).
    for (const partition of partitions) {
      const month = /^ledger_field_(\d{4})_(\d{2})$/.exec(partition);
      if (month) await queryRunner.query(`SELECT ${q(PARTITION_FUNCTION)}($1)`, [`${month[1]}-${month[2]}`]);
    }
    await queryRunner.query(
      `INSERT INTO ${q('ledger_field')} (chain, seq, owner, started_at, grade, fields) ` +
        listedSelect(q('ledger_field_rows'), (item) => `string_agg(${item}, ',' ORDER BY position)`, `bool_and(${PLAIN_POSTGRES})`),
    );
    await this.listUnusual(queryRunner, q('ledger_field_rows'), q('ledger_field'), PLAIN_POSTGRES);
    await queryRunner.query(`DROP TABLE ${q('ledger_field_rows')}`);
    await queryRunner.query(`CREATE INDEX "ledger_field_owner" ON ${q('ledger_field')} (owner, started_at)`);
    await queryRunner.query(`CREATE TRIGGER ledger_field_append_only BEFORE UPDATE ON ${q('ledger_field')} FOR EACH ROW EXECUTE FUNCTION ${q('causeway_ledger_append_only')}()`);
    await queryRunner.query(`CREATE TRIGGER ledger_field_prune_only BEFORE DELETE ON ${q('ledger_field')} FOR EACH ROW EXECUTE FUNCTION ${q('causeway_ledger_prune_guard')}()`);
    await queryRunner.query(`CREATE TRIGGER ledger_field_no_truncate BEFORE TRUNCATE ON ${q('ledger_field')} FOR EACH STATEMENT EXECUTE FUNCTION ${q('causeway_ledger_append_only')}()`);
  }

  /**
   * The records whose fields include a coordinate SQL cannot list as the
   * code does (one that is not a GraphQL coordinate: none the gateway
   * writes, but a ledger keeps whatever it was given), listed by the code.
   */
  private async listUnusual(queryRunner: QueryRunner, from: string, into: string, plain: string): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
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
      const placeholders = values.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
      await queryRunner.query(`INSERT INTO ${into} (chain, seq, owner, started_at, grade, fields) VALUES (${placeholders})`, values);
    }
  }
}
