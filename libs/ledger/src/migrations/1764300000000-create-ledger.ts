import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export const LEDGER_TABLES = ['ledger_record', 'ledger_field', 'ledger_operation', 'ledger_checkpoint'];

/**
 * The exchange ledger (SQLite and PostgreSQL alike), append-only in the
 * database itself: triggers refuse UPDATE and DELETE (and, on PostgreSQL,
 * TRUNCATE) on every ledger table, whoever connects. A ledger role should
 * also hold only INSERT and SELECT (see the README).
 */
export class CreateLedger1764300000000 implements MigrationInterface {
  name = 'CreateLedger1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ledger_record',
        columns: [
          { name: 'chain', type: 'varchar', length: '80', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'exchange_id', type: 'varchar', length: '64', isUnique: true },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'started_at', type: 'varchar', length: '32' },
          { name: 'system', type: 'varchar', length: '128', isNullable: true },
          { name: 'department', type: 'varchar', length: '64', isNullable: true },
          { name: 'purpose', type: 'varchar', length: '64', isNullable: true },
          { name: 'decision', type: 'varchar', length: '20' },
          { name: 'max_level_rank', type: 'integer', isNullable: true },
          { name: 'trace_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'operation_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'previous_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'content', type: 'text' },
        ],
        indices: [
          { name: 'ledger_record_started', columnNames: ['started_at'] },
          { name: 'ledger_record_system', columnNames: ['system', 'started_at'] },
          { name: 'ledger_record_department', columnNames: ['department', 'started_at'] },
          { name: 'ledger_record_trace', columnNames: ['trace_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_field',
        columns: [
          { name: 'chain', type: 'varchar', length: '80', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'position', type: 'integer', isPrimary: true },
          { name: 'coordinate', type: 'varchar', length: '200' },
          { name: 'owner', type: 'varchar', length: '64' },
          { name: 'level_rank', type: 'integer' },
          { name: 'outcome', type: 'varchar', length: '8' },
          { name: 'started_at', type: 'varchar', length: '32' },
        ],
        indices: [
          { name: 'ledger_field_owner', columnNames: ['owner', 'started_at'] },
          { name: 'ledger_field_coordinate', columnNames: ['coordinate', 'started_at'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_operation',
        columns: [
          { name: 'hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'document', type: 'text' },
          { name: 'first_seen_at', type: 'varchar', length: '32' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_checkpoint',
        columns: [
          { name: 'chain', type: 'varchar', length: '80', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'kid', type: 'varchar', length: '64' },
          { name: 'signed_at', type: 'varchar', length: '32' },
          { name: 'jws', type: 'text' },
        ],
      }),
    );
    if (queryRunner.connection.options.type === 'postgres') {
      const schema = (queryRunner.connection.options as { schema?: string }).schema;
      const qualified = (name: string) => (schema ? `"${schema}"."${name}"` : `"${name}"`);
      await queryRunner.query(`
        CREATE FUNCTION ${qualified('causeway_ledger_append_only')}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the Causeway ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
        END $$`);
      for (const table of LEDGER_TABLES) {
        await queryRunner.query(
          `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${qualified(table)} FOR EACH ROW EXECUTE FUNCTION ${qualified('causeway_ledger_append_only')}()`,
        );
        await queryRunner.query(
          `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${qualified(table)} FOR EACH STATEMENT EXECUTE FUNCTION ${qualified('causeway_ledger_append_only')}()`,
        );
      }
    } else {
      for (const table of LEDGER_TABLES) {
        for (const operation of ['UPDATE', 'DELETE']) {
          await queryRunner.query(
            `CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table} BEGIN SELECT RAISE(ABORT, 'the Causeway ledger is append-only: ${operation} on ${table} refused'); END`,
          );
        }
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...LEDGER_TABLES].reverse()) await queryRunner.dropTable(table);
    if (queryRunner.connection.options.type === 'postgres') await queryRunner.query('DROP FUNCTION causeway_ledger_append_only()');
  }
}
