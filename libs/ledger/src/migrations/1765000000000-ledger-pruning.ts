import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { appendOnly } from './1764800000000-linked-checkpoints.js';

/** The tables whose rows pruning removes: a record with its field and data-subject rows. */
const PRUNABLE_TABLES = ['ledger_record', 'ledger_field', 'ledger_subject'];

/**
 * Retention with pruning: the rows tombstones let be removed
 * (ledger_pruned, append-only), and a delete guard on the prunable tables
 * in place of their flat refusal: a DELETE passes only for a row a
 * tombstone row covers. UPDATE stays refused everywhere, and so does every
 * change to the other ledger tables.
 */
export class LedgerPruning1765000000000 implements MigrationInterface {
  name = 'LedgerPruning1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ledger_pruned',
        columns: [
          { name: 'number', type: 'integer', isPrimary: true },
          { name: 'chain', type: 'varchar', length: '80', isPrimary: true },
          { name: 'seq', type: 'integer' },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'archive', type: 'varchar', length: '64' },
        ],
        indices: [{ name: 'ledger_pruned_chain', columnNames: ['chain', 'seq'] }],
      }),
    );
    await appendOnly(queryRunner, 'ledger_pruned');
    if (queryRunner.connection.options.type === 'postgres') {
      const schema = (queryRunner.connection.options as { schema?: string }).schema;
      const qualified = (name: string) => (schema ? `"${schema}"."${name}"` : `"${name}"`);
      await queryRunner.query(`
        CREATE FUNCTION ${qualified('causeway_ledger_prune_guard')}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM ${qualified('ledger_pruned')} p WHERE p.chain = OLD.chain AND p.seq >= OLD.seq) THEN
            RETURN OLD;
          END IF;
          RAISE EXCEPTION 'the Causeway ledger is append-only: DELETE on % refused (no tombstone covers record % of chain %)', TG_TABLE_NAME, OLD.seq, OLD.chain;
        END $$`);
      for (const table of PRUNABLE_TABLES) {
        await queryRunner.query(`DROP TRIGGER ${table}_append_only ON ${qualified(table)}`);
        await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE ON ${qualified(table)} FOR EACH ROW EXECUTE FUNCTION ${qualified('causeway_ledger_append_only')}()`);
        await queryRunner.query(`CREATE TRIGGER ${table}_prune_only BEFORE DELETE ON ${qualified(table)} FOR EACH ROW EXECUTE FUNCTION ${qualified('causeway_ledger_prune_guard')}()`);
      }
      return;
    }
    for (const table of PRUNABLE_TABLES) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_delete`);
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} WHEN NOT EXISTS (SELECT 1 FROM ledger_pruned p WHERE p.chain = OLD.chain AND p.seq >= OLD.seq) ` +
          `BEGIN SELECT RAISE(ABORT, 'the Causeway ledger is append-only: DELETE on ${table} refused (no tombstone covers the record)'); END`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      const schema = (queryRunner.connection.options as { schema?: string }).schema;
      const qualified = (name: string) => (schema ? `"${schema}"."${name}"` : `"${name}"`);
      for (const table of PRUNABLE_TABLES) {
        await queryRunner.query(`DROP TRIGGER ${table}_prune_only ON ${qualified(table)}`);
        await queryRunner.query(`DROP TRIGGER ${table}_append_only ON ${qualified(table)}`);
        await queryRunner.query(
          `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${qualified(table)} FOR EACH ROW EXECUTE FUNCTION ${qualified('causeway_ledger_append_only')}()`,
        );
      }
      await queryRunner.query(`DROP FUNCTION ${qualified('causeway_ledger_prune_guard')}()`);
    } else {
      for (const table of PRUNABLE_TABLES) {
        await queryRunner.query(`DROP TRIGGER ${table}_no_delete`);
        await queryRunner.query(
          `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, 'the Causeway ledger is append-only: DELETE on ${table} refused'); END`,
        );
      }
    }
    await queryRunner.dropTable('ledger_pruned');
  }
}
