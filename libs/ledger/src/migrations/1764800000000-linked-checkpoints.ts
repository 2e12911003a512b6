import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Checkpoints of the whole ledger in one linked sequence (checkpoint.ts)
 * instead of per-chain heads that named only their own chain. The former
 * per-chain checkpoints are replaced: the first checkpoint written after
 * this migration states the head of every chain that exists, so every
 * record is sealed again. With them, the time stamps an outside authority
 * gave checkpoints. Append-only like the other ledger tables.
 */
export class LinkedCheckpoints1764800000000 implements MigrationInterface {
  name = 'LinkedCheckpoints1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ledger_checkpoint');
    await queryRunner.createTable(
      new Table({
        name: 'ledger_checkpoint',
        columns: [
          { name: 'number', type: 'integer', isPrimary: true },
          { name: 'previous_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'kid', type: 'varchar', length: '64' },
          { name: 'signed_at', type: 'varchar', length: '32' },
          { name: 'jws', type: 'text' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_checkpoint_head',
        columns: [
          { name: 'number', type: 'integer', isPrimary: true },
          { name: 'chain', type: 'varchar', length: '80', isPrimary: true },
          { name: 'seq', type: 'integer' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        indices: [{ name: 'ledger_checkpoint_head_chain', columnNames: ['chain', 'seq'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_checkpoint_stamp',
        columns: [
          { name: 'number', type: 'integer', isPrimary: true },
          { name: 'authority', type: 'varchar', length: '200' },
          { name: 'stamped_at', type: 'varchar', length: '32' },
          { name: 'token', type: 'text' },
        ],
      }),
    );
    for (const table of ['ledger_checkpoint', 'ledger_checkpoint_head', 'ledger_checkpoint_stamp']) await appendOnly(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ledger_checkpoint_stamp');
    await queryRunner.dropTable('ledger_checkpoint_head');
  }
}

/** The same guards as the other ledger tables (1764300000000-create-ledger.ts). */
export async function appendOnly(queryRunner: QueryRunner, table: string): Promise<void> {
  if (queryRunner.connection.options.type === 'postgres') {
    const schema = (queryRunner.connection.options as { schema?: string }).schema;
    const qualified = (name: string) => (schema ? `"${schema}"."${name}"` : `"${name}"`);
    const guard = qualified('causeway_ledger_append_only');
    await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${qualified(table)} FOR EACH ROW EXECUTE FUNCTION ${guard}()`);
    await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${qualified(table)} FOR EACH STATEMENT EXECUTE FUNCTION ${guard}()`);
    return;
  }
  for (const operation of ['UPDATE', 'DELETE']) {
    await queryRunner.query(
      `CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table} BEGIN SELECT RAISE(ABORT, 'the Causeway ledger is append-only: ${operation} on ${table} refused'); END`,
    );
  }
}
