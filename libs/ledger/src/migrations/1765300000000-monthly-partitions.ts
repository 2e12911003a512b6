import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ledgerSchema } from './ledger-schema.js';

/** The tables that grow with every exchange, partitioned by the month their records started in. */
export const PARTITIONED_TABLES = ['ledger_record', 'ledger_field', 'ledger_subject'] as const;

/** The function that creates a month's partitions of every partitioned table (PostgreSQL). */
export const PARTITION_FUNCTION = 'causeway_ledger_partition';

const COLUMNS: Record<(typeof PARTITIONED_TABLES)[number], { columns: string; key: string; indexes: Array<[string, string]> }> = {
  ledger_record: {
    columns:
      'chain varchar(80) NOT NULL, seq integer NOT NULL, exchange_id varchar(64) NOT NULL, kind varchar(20) NOT NULL, started_at varchar(32) NOT NULL, ' +
      'system varchar(128), department varchar(64), purpose varchar(64), decision varchar(20) NOT NULL, max_level_rank integer, trace_id varchar(32), ' +
      'operation_hash varchar(64), previous_hash varchar(64) NOT NULL, hash varchar(64) NOT NULL, content text NOT NULL',
    key: 'chain, seq, started_at',
    indexes: [
      ['UNIQUE ledger_record_exchange', 'exchange_id, started_at'],
      ['ledger_record_started', 'started_at, chain, seq'],
      ['ledger_record_system', 'system, started_at'],
      ['ledger_record_department', 'department, started_at'],
      ['ledger_record_trace', 'trace_id'],
      ['ledger_record_purpose', 'purpose, started_at, chain, seq'],
      ['ledger_record_decision', 'decision, started_at, chain, seq'],
      ['ledger_record_grade', 'max_level_rank, started_at, chain, seq'],
    ],
  },
  ledger_field: {
    columns:
      'chain varchar(80) NOT NULL, seq integer NOT NULL, position integer NOT NULL, coordinate varchar(200) NOT NULL, owner varchar(64) NOT NULL, ' +
      'level_rank integer NOT NULL, outcome varchar(8) NOT NULL, started_at varchar(32) NOT NULL',
    key: 'chain, seq, position, started_at',
    indexes: [
      ['ledger_field_owner', 'owner, started_at'],
      ['ledger_field_coordinate', 'coordinate, started_at'],
    ],
  },
  ledger_subject: {
    columns: 'chain varchar(80) NOT NULL, seq integer NOT NULL, token varchar(64) NOT NULL, owner varchar(64) NOT NULL, started_at varchar(32) NOT NULL',
    key: 'chain, seq, token, owner, started_at',
    indexes: [['ledger_subject_token', 'token, started_at']],
  },
};

/**
 * PostgreSQL: records, field rows and subject rows in monthly partitions
 * (by started_at, ISO text: `FOR VALUES FROM ('2026-01') TO ('2026-02')`),
 * so that a ledger of a hundred million records keeps indexes a month
 * wide, time-range reads touch only their months, and retention can work a
 * month at a time. SQLite (the embedded default) keeps plain tables.
 *
 * What partitioning costs: a primary or unique key must include the
 * partition key. (chain, seq) is kept unique by the writers (one writer per
 * chain, the governance chain under a lock) and checked by `ledger verify`
 * (a second record at a seq is a SEQUENCE_GAP); an exchange id is unique
 * with its start (the same exchange recorded twice is refused, as before),
 * no longer across months.
 *
 * A month's partitions are created by `causeway_ledger_partition(month)`, a
 * SECURITY DEFINER function of the owner role: the gateway's runtime role
 * may not create tables, and calls it before it commits the first record of
 * a month (postgres.appender.ts). Each partition gets the TRUNCATE guard
 * (row triggers of the parent apply to every partition by themselves).
 *
 * Existing rows are copied into the partitioned tables. One way only: going
 * back means restoring a backup taken before.
 */
export class MonthlyPartitions1765300000000 implements MigrationInterface {
  name = 'MonthlyPartitions1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    const { schema, q } = await ledgerSchema(queryRunner, queryRunner.connection.options);
    for (const table of PARTITIONED_TABLES) {
      await queryRunner.query(`ALTER TABLE ${q(table)} RENAME TO "${table}_unpartitioned"`);
      await queryRunner.query(`CREATE TABLE ${q(table)} (${COLUMNS[table].columns}, CONSTRAINT "${table}_pk" PRIMARY KEY (${COLUMNS[table].key})) PARTITION BY RANGE (started_at)`);
    }
    await queryRunner.query(partitionFunction(schema, q));
    const months = (await queryRunner.query(`SELECT DISTINCT substr(started_at, 1, 7) AS month FROM ${q('ledger_record_unpartitioned')} ORDER BY 1`)) as Array<{ month: string }>;
    for (const { month } of months) await queryRunner.query(`SELECT ${q(PARTITION_FUNCTION)}($1)`, [month]);
    for (const table of PARTITIONED_TABLES) {
      const columns = COLUMNS[table].columns
        .split(', ')
        .map((column) => column.split(' ')[0])
        .join(', ');
      await queryRunner.query(`INSERT INTO ${q(table)} (${columns}) SELECT ${columns} FROM ${q(`${table}_unpartitioned`)}`);
      await queryRunner.query(`DROP TABLE ${q(`${table}_unpartitioned`)}`);
      for (const [name, on] of COLUMNS[table].indexes) {
        const [unique, index] = name.startsWith('UNIQUE ') ? ['UNIQUE ', name.slice(7)] : ['', name];
        await queryRunner.query(`CREATE ${unique}INDEX "${index}" ON ${q(table)} (${on})`);
      }
      await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE ON ${q(table)} FOR EACH ROW EXECUTE FUNCTION ${q('causeway_ledger_append_only')}()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_prune_only BEFORE DELETE ON ${q(table)} FOR EACH ROW EXECUTE FUNCTION ${q('causeway_ledger_prune_guard')}()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${q(table)} FOR EACH STATEMENT EXECUTE FUNCTION ${q('causeway_ledger_append_only')}()`);
    }
  }

  async down(): Promise<void> {
    throw new Error('the monthly partitions of the ledger are not undone by a migration: restore the backup taken before it');
  }
}

/**
 * The function that creates a month's partitions, idempotent and safe for
 * two replicas at once (a partition another one just created is fine). The
 * month is checked to be YYYY-MM before it names anything.
 */
function partitionFunction(schema: string, q: (name: string) => string): string {
  const literal = `'${schema.replaceAll("'", "''")}'`;
  return `
    CREATE FUNCTION ${q(PARTITION_FUNCTION)}(month text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
    DECLARE
      upper text;
      parent text;
      partition text;
    BEGIN
      IF month IS NULL OR month !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN
        RAISE EXCEPTION 'not a month (YYYY-MM): %', month;
      END IF;
      upper := to_char(to_date(month || '-01', 'YYYY-MM-DD') + interval '1 month', 'YYYY-MM');
      FOREACH parent IN ARRAY ARRAY[${PARTITIONED_TABLES.map((table) => `'${table}'`).join(', ')}] LOOP
        partition := parent || '_' || replace(month, '-', '_');
        IF to_regclass(format('%I.%I', ${literal}, partition)) IS NULL THEN
          BEGIN
            EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)', ${literal}, partition, ${literal}, parent, month, upper);
            EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I.%I FOR EACH STATEMENT EXECUTE FUNCTION %I.causeway_ledger_append_only()',
              partition || '_no_truncate', ${literal}, partition, ${literal});
          EXCEPTION WHEN duplicate_table THEN
            NULL;
          END;
        END IF;
      END LOOP;
    END $$`;
}
